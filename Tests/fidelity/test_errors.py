"""Each error rule of the emulator, seen through requests and azure-storage-blob."""

import copy

import pytest
import requests
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.storage.blob import BlobClient

from packages import PRODUCT, sample_zip
from test_flow import commit_and_wait, create_product, create_submission, upload_url


def error(answer):
    return answer.json()["error"]


def test_bad_client_secret_gets_invalid_client(emulator):
    answer = requests.post(emulator["tokenURL"], data={
        "grant_type": "client_credentials", "client_id": emulator["clientId"],
        "client_secret": "wrong", "resource": "https://manage.devcenter.microsoft.com"}, timeout=10)
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert answer.json()["error_description"].startswith("AADSTS7000215")


def test_v2_token_endpoint_takes_a_scope(emulator):
    v2 = emulator["tokenURL"].replace("/oauth2/token", "/oauth2/v2.0/token")
    answer = requests.post(v2, data={
        "grant_type": "client_credentials", "client_id": emulator["clientId"],
        "client_secret": emulator["clientSecret"], "scope": "https://manage.devcenter.microsoft.com/.default"}, timeout=10)
    assert answer.status_code == 200
    assert isinstance(answer.json()["expires_in"], int)


def test_missing_and_expired_tokens_get_401(emulator, api):
    assert requests.get(emulator["baseURL"] + "/products", timeout=10).status_code == 401
    short = requests.post(emulator["tokenURL"], data={
        "grant_type": "client_credentials", "client_id": emulator["clientId"],
        "client_secret": emulator["clientSecret"], "resource": "https://manage.devcenter.microsoft.com"}, timeout=10).json()
    requests.post(emulator["adminURL"] + "/clock/advance", json={"seconds": 4000}, timeout=10).raise_for_status()
    answer = requests.get(emulator["baseURL"] + "/products", headers={"Authorization": "Bearer " + short["access_token"]}, timeout=10)
    assert answer.status_code == 401
    assert "expired" in error(answer)["message"]


@pytest.mark.parametrize("field,value,target", [
    ("productName", None, "productName"),
    ("deviceType", "pluggable", "deviceType"),
    ("testHarness", "Manual", "testHarness"),
    ("requestedSignatures", ["WINDOWS_v99_Z80_FULL"], "requestedSignatures[0]"),
    ("additionalAttributes", {"svvp": {}, "raidController": {}}, "additionalAttributes"),
])
def test_product_validation(api, field, value, target):
    body = copy.deepcopy(PRODUCT)
    if value is None:
        del body[field]
    else:
        body[field] = value
    answer = api.call("POST", "/products", json=body)
    assert answer.status_code == 400
    assert error(answer)["code"] == "invalidInput"
    assert target in [v["target"] for v in error(answer)["validationErrors"]]


def test_test_harness_ignores_case(api):
    body = dict(PRODUCT, testHarness="hLk")
    answer = api.call("POST", "/products", json=body)
    assert answer.status_code == 201 and answer.json()["testHarness"] == "hlk"


def test_malformed_json_says_what_and_where(api):
    answer = api.call("POST", "/products", data='{"productName": "x",}', headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert "line 1, column 21" in error(answer)["message"]


def test_state_rules(api):
    product = create_product(api)["id"]
    derived = api.call("POST", "/products/%d/submissions" % product, json={"name": "d", "type": "derived"})
    assert derived.status_code == 400 and error(derived)["code"] == "requestInvalidForCurrentState"
    submission = create_submission(api, product)
    second = api.call("POST", "/products/%d/submissions" % product, json={"name": "again", "type": "initial"})
    assert error(second)["code"] == "requestInvalidForCurrentState"
    assert "Initial submission already exists" in error(second)["message"]
    patch = api.call("PATCH", "/products/%d" % product, json={"deviceType": "internal"})
    assert patch.status_code == 400 and error(patch)["code"] == "updateUnauthorized"
    assert api.call("PATCH", "/products/%d" % product, json={"productName": "Renamed"}).status_code == 204
    label = api.call("POST", "/products/%d/submissions/%d/shippingLabels" % (product, submission["id"]), json={"name": "l"})
    assert label.status_code == 400 and error(label)["code"] == "requestInvalidForCurrentState"
    BlobClient.from_blob_url(upload_url(submission)).upload_blob(sample_zip())
    commit_and_wait(api, product, submission["id"])
    again = api.call("POST", "/products/%d/submissions/%d/commit" % (product, submission["id"]))
    assert again.status_code == 400 and error(again)["code"] == "requestInvalidForCurrentState"
    missing = api.call("GET", "/products/%d/submissions/1" % product)
    assert missing.status_code == 404 and error(missing)["code"] == "entityNotFound"


def test_a_tampered_sas_is_refused(api):
    product = create_product(api)
    url = upload_url(create_submission(api, product["id"]))
    tampered = url.replace("sp=rwl", "sp=rwld")
    with pytest.raises(ClientAuthenticationError) as raised:
        BlobClient.from_blob_url(tampered).upload_blob(b"x")
    assert raised.value.error_code == "AuthenticationFailed"
    other = url.replace("/package?", "/other?")
    with pytest.raises(HttpResponseError):
        BlobClient.from_blob_url(other).upload_blob(b"x")


def test_an_expired_sas_is_refused(api, emulator):
    product = create_product(api)
    submission = create_submission(api, product["id"])
    requests.post(emulator["adminURL"] + "/sas/expire", json={"inSeconds": 0}, timeout=10).raise_for_status()
    with pytest.raises(ClientAuthenticationError) as raised:
        BlobClient.from_blob_url(upload_url(submission)).upload_blob(b"x")
    assert raised.value.error_code == "AuthenticationFailed"
    fresh = api.call("GET", "/products/%d/submissions/%d" % (product["id"], submission["id"])).json()
    BlobClient.from_blob_url(upload_url(fresh)).upload_blob(b"x")


def test_injected_503_and_rate_limit(api, emulator):
    requests.post(emulator["adminURL"] + "/faults", json={"route": "GET /products", "status": 503, "retryAfter": 2}, timeout=10).raise_for_status()
    answer = api.call("GET", "/products")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "2"
    assert api.call("GET", "/products").status_code == 200
    requests.post(emulator["adminURL"] + "/rate-limit", json={"requestsPerMinute": 2}, timeout=10).raise_for_status()
    statuses = [api.call("GET", "/audiences").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
