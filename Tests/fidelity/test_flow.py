"""The whole submission flow against hwsubmit-emulator, driven by requests and azure-storage-blob."""

import io
import os
import time
import zipfile

from azure.storage.blob import BlobClient

from packages import PRODUCT, sample_files, sample_zip


def create_product(api, body=None):
    answer = api.call("POST", "/products", json=body or PRODUCT)
    assert answer.status_code == 201, answer.text
    return answer.json()


def create_submission(api, product_id, kind="initial"):
    answer = api.call("POST", "/products/%d/submissions" % product_id, json={"name": "contoso-widget 1.2.0", "type": kind})
    assert answer.status_code == 201, answer.text
    return answer.json()


def upload_url(submission):
    return next(i["url"] for i in submission["downloads"]["items"] if i["type"] in ("initialPackage", "derivedPackage"))


def commit_and_wait(api, product_id, submission_id):
    path = "/products/%d/submissions/%d" % (product_id, submission_id)
    commit = api.call("POST", path + "/commit", headers={"Content-Length": "0"})
    assert commit.status_code == 202, commit.text
    # The commit answer's documented body.
    assert commit.json() == {"commitStatus": "commitStarted"}, commit.text
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        submission = api.call("GET", path).json()
        if submission["commitStatus"] in ("commitComplete", "commitFailed"):
            return submission
        time.sleep(0.05)
    raise AssertionError("submission %d did not finish" % submission_id)


def download(submission, kind):
    return next(i["url"] for i in submission["downloads"]["items"] if i["type"] == kind)


def check_signed_package(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name, original in sample_files().items():
            assert archive.read(name) == original, name
        assert "contosowidget.cat" in names
        assert archive.read("contosowidget.cat").startswith(b"HWSUBMIT EMULATOR CATALOG - NOT A REAL SIGNATURE")


def test_ids_are_exact_64_bit_integers(api):
    product = create_product(api)
    submission = create_submission(api, product["id"])
    for value in (product["id"], submission["id"]):
        assert isinstance(value, int) and value > 2 ** 53
        assert int(float(value)) != value, "the ID must not survive a trip through a double"


def test_whole_flow_with_one_shot_upload(api):
    product = create_product(api)
    submission = create_submission(api, product["id"])
    package = sample_zip()
    blob = BlobClient.from_blob_url(upload_url(submission))
    blob.upload_blob(package)
    assert blob.download_blob().readall() == package

    done = commit_and_wait(api, product["id"], submission["id"])
    assert done["commitStatus"] == "commitComplete"
    assert done["workflowStatus"] == {"currentStep": "finalizeIngestion", "state": "completed", "messages": []}

    signed_url = download(done, "signedPackage")
    signed = BlobClient.from_blob_url(signed_url).download_blob().readall()
    check_signed_package(signed)
    # The same bytes come back by plain HTTP.
    assert api.session.get(signed_url, headers={"Authorization": None}).content == signed

    metadata = BlobClient.from_blob_url(download(done, "driverMetadata")).download_blob().readall()
    assert b'"BundleInfoMap"' in metadata and b"WINDOWS_v100_ARM64_RS5_FULL" in metadata


def test_whole_flow_with_chunked_parallel_upload(api, emulator):
    product = create_product(api)
    submission = create_submission(api, product["id"])
    package = sample_zip({"x64/firmware.bin": os.urandom(600 * 1024)})
    url = upload_url(submission)
    blob = BlobClient.from_blob_url(url, max_block_size=64 * 1024, max_single_put_size=64 * 1024)
    blob.upload_blob(package, max_concurrency=4)

    blocks = blob.get_block_list("all")
    assert len(blocks[0]) == (len(package) + 64 * 1024 - 1) // (64 * 1024)
    assert blocks[1] == []
    log = api.session.get(emulator["adminURL"] + "/requests").json()["requests"]
    puts = [e for e in log if e["route"] == "PUT blob?comp=block"]
    assert len(puts) == len(blocks[0])
    assert all("sig=<redacted>" in e["query"] for e in puts)

    done = commit_and_wait(api, product["id"], submission["id"])
    assert done["commitStatus"] == "commitComplete", done["workflowStatus"]
    signed = BlobClient.from_blob_url(download(done, "signedPackage"), max_chunk_get_size=32 * 1024,
                                      max_single_get_size=32 * 1024).download_blob(max_concurrency=4).readall()
    check_signed_package(signed)
    with zipfile.ZipFile(io.BytesIO(signed)) as archive, zipfile.ZipFile(io.BytesIO(package)) as original:
        assert archive.read("x64/firmware.bin") == original.read("x64/firmware.bin")


def test_paging_follows_next_link_through_more_products_than_a_page(api):
    created = [create_product(api)["id"] for _ in range(12)]
    seen, url, pages = [], "/products", 0
    while url:
        page = api.call("GET", url).json()
        assert len(page["value"]) <= 5
        seen += [p["id"] for p in page["value"]]
        url = next((l["href"] for l in page["links"] if l["rel"] == "next_link"), None)
        pages += 1
    assert pages == 3
    assert seen == created


def test_a_bad_package_fails_at_package_info_validation(api):
    product = create_product(api)
    submission = create_submission(api, product["id"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "no driver here")
    BlobClient.from_blob_url(upload_url(submission)).upload_blob(buffer.getvalue())
    done = commit_and_wait(api, product["id"], submission["id"])
    assert done["commitStatus"] == "commitFailed"
    assert done["workflowStatus"]["currentStep"] == "packageInfoValidation"
    assert done["workflowStatus"]["state"] == "failed"
    assert any("no .inf file" in m for m in done["workflowStatus"]["messages"])
    report = BlobClient.from_blob_url(done["workflowStatus"]["errorReport"]).download_blob().readall()
    assert b"no .inf file" in report
