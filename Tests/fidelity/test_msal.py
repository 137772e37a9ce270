"""MSAL for Python, an independent client, signs in to hwsubmit-emulator with a certificate.

MSAL insists on an https authority, and the emulator serves plain HTTP on loopback: the HTTP
client handed to MSAL stands in for a TLS-terminating proxy. It sends each https request to the
same loopback address over http, with `X-Forwarded-Proto: https`, so that the emulator writes
its links (the tenant's token endpoint, the assertion's audience) with the scheme MSAL used.
"""

import datetime

import msal
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

SCOPE = "https://manage.devcenter.microsoft.com/.default"


class LoopbackProxySession(requests.Session):
    """requests.Session that sends https://127.0.0.1 requests over http, as a TLS proxy would."""

    def request(self, method, url, *args, **kwargs):
        assert url.startswith("https://127.0.0.1:"), "MSAL asked for something off loopback: " + url
        headers = dict(kwargs.pop("headers", None) or {})
        headers["X-Forwarded-Proto"] = "https"
        return super().request(method, "http://" + url[len("https://"):], *args, headers=headers, **kwargs)


def make_certificate(name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2)).sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode(), certificate


@pytest.fixture(scope="module")
def registered(emulator):
    """A certificate registered on a new app of the emulator, and one registered nowhere."""
    key_pem, cert_pem, certificate = make_certificate("msal fidelity (test only)")
    other_key, _, other_certificate = make_certificate("unregistered (test only)")
    return {"client_id": "msal-fidelity-app", "key": key_pem, "cert": cert_pem, "certificate": certificate,
            "other_key": other_key, "other_certificate": other_certificate}


@pytest.fixture(autouse=True)
def register(emulator, registered, fresh_state):
    answer = requests.post(emulator["adminURL"] + "/identity", json={"apps": [
        {"clientId": registered["client_id"], "certificates": [registered["cert"]]}]}, timeout=10)
    answer.raise_for_status()


def application(emulator, registered, credential):
    authority = "https://" + emulator["authority"][len("http://"):] + "/" + emulator["tenantId"]
    return msal.ConfidentialClientApplication(
        registered["client_id"], client_credential=credential, authority=authority,
        validate_authority=False, instance_discovery=False, http_client=LoopbackProxySession())


def products_with(emulator, token):
    return requests.get(emulator["baseURL"] + "/products", headers={"Authorization": "Bearer " + token}, timeout=10)


def test_certificate_with_sha1_thumbprint_signs_in_rs256(emulator, registered):
    thumbprint = registered["certificate"].fingerprint(hashes.SHA1()).hex()
    app = application(emulator, registered, {"private_key": registered["key"], "thumbprint": thumbprint})
    result = app.acquire_token_for_client(scopes=[SCOPE])
    assert "access_token" in result, result.get("error_description")
    assert products_with(emulator, result["access_token"]).status_code == 200


def test_certificate_with_public_certificate_signs_in_ps256_with_x5c(emulator, registered):
    app = application(emulator, registered, {"private_key": registered["key"], "public_certificate": registered["cert"]})
    result = app.acquire_token_for_client(scopes=[SCOPE])
    assert "access_token" in result, result.get("error_description")
    assert products_with(emulator, result["access_token"]).status_code == 200
    log = requests.get(emulator["adminURL"] + "/requests", timeout=10).json()["requests"]
    assert [e["status"] for e in log if e["route"] == "POST /{tenant}/oauth2/v2.0/token"] == [200]


def test_unregistered_certificate_is_refused_with_aadsts700027(emulator, registered):
    thumbprint = registered["other_certificate"].fingerprint(hashes.SHA1()).hex()
    app = application(emulator, registered, {"private_key": registered["other_key"], "thumbprint": thumbprint})
    result = app.acquire_token_for_client(scopes=[SCOPE])
    assert "access_token" not in result
    assert result["error"] == "invalid_client"
    assert 700027 in result["error_codes"]
    assert thumbprint.upper() in result["error_description"].replace("'", "")
