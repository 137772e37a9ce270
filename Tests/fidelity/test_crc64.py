"""x-ms-content-crc64 against azure-storage-blob's own CRC-64 (azure-storage-extensions).

The emulator checks every CRC-64 with hwsubmit's implementation (DevCenter's CRC64, the one its
uploads send), so an upload the SDK validates with CRC-64 passing, and the emulator's computed
x-ms-content-crc64 equalling the SDK's for the same bytes, show the two agree.
"""

import base64
import os
import random
import re

import pytest
import requests
from azure.core.exceptions import ResourceNotFoundError
from azure.storage.blob import BlobClient
from azure.storage.extensions import checksums

from test_flow import create_product, create_submission, upload_url


def crc64(data):
    return base64.b64encode(checksums.crc64.compute(data, 0).to_bytes(8, "little")).decode()


def block_url(url, index):
    block_id = base64.b64encode(("block-%05d" % index).encode()).decode()
    return url + "&comp=block&blockid=" + requests.utils.quote(block_id, safe="")


def test_the_sdk_computes_the_published_check_values():
    # CRC-64 with the reflected polynomial 0x9A6C9329AC4BC9B5: "123456789" and the Azure C++
    # SDK's own test vector.
    assert checksums.crc64.compute(b"123456789", 0) == 0xAE8B14860A799888
    assert crc64(b"Hello Azure!") == "DtjZpL9/o8c="
    assert crc64(b"") == "AAAAAAAAAAA="


def test_the_emulator_computes_the_sdks_crc64_for_any_length(api):
    url = upload_url(create_submission(api, create_product(api)["id"]))
    rng = random.Random(19)
    # Lengths either side of where hwsubmit switches from tables to carry-less multiplication
    # (256 bytes) and of its 64-byte and 16-byte steps.
    lengths = [0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1000, 4096 + 3, 1 << 20 | 5]
    for index, length in enumerate(lengths):
        data = bytes(rng.getrandbits(8) for _ in range(min(length, 4096))) * (length // 4096 + 1)
        data = data[:length]
        answer = requests.put(block_url(url, index), data=data, headers={"x-ms-content-crc64": crc64(data)}, timeout=30)
        assert answer.status_code == 201, (length, answer.text)
        assert answer.headers["x-ms-content-crc64"] == crc64(data), length


def test_a_wrong_crc64_is_refused_as_azure_refuses_it(api):
    url = upload_url(create_submission(api, create_product(api)["id"]))
    data = os.urandom(3000)
    wrong = crc64(data[:-1] + bytes([data[-1] ^ 1]))
    for target in (block_url(url, 0), url):
        headers = {"x-ms-content-crc64": wrong, "x-ms-blob-type": "BlockBlob"}
        answer = requests.put(target, data=data, headers=headers, timeout=30)
        assert answer.status_code == 400
        assert answer.headers["x-ms-error-code"] == "Crc64Mismatch"
        assert re.search(r"<Error><Code>Crc64Mismatch</Code><Message>The CRC64 value specified in the request did not match", answer.text)
    both = requests.put(block_url(url, 1), data=data, timeout=30, headers={
        "x-ms-content-crc64": crc64(data), "Content-MD5": base64.b64encode(b"0" * 16).decode()})
    assert both.status_code == 400 and both.headers["x-ms-error-code"] == "InvalidHeaderValue"
    with pytest.raises(ResourceNotFoundError):
        # Nothing was stored: no blob, and no block.
        BlobClient.from_blob_url(url).get_block_list("all")


@pytest.mark.parametrize("size", [100 * 1024, 600 * 1024 + 17])
def test_an_upload_validated_with_crc64_by_the_sdk(api, size):
    url = upload_url(create_submission(api, create_product(api)["id"]))
    data = os.urandom(size)
    blob = BlobClient.from_blob_url(url, max_block_size=64 * 1024, max_single_put_size=256 * 1024)
    blob.upload_blob(data, validate_content="crc64", max_concurrency=4)
    assert blob.download_blob().readall() == data
