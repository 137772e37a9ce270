"""Starts the built hwsubmit-emulator for the fidelity suite and hands its URLs to the tests.

The emulator runs as a child with a pipe on its stdin (--exit-on-stdin-eof), so it stops when
the session ends or if pytest dies. Set HWSUBMIT_EMULATOR to the binary (make test-fidelity does).
"""

import json
import os
import subprocess
import uuid

import pytest
import requests

STEP_DELAY = "20ms"
PAGE_SIZE = 5


@pytest.fixture(scope="session")
def emulator():
    binary = os.environ.get("HWSUBMIT_EMULATOR")
    if not binary or not os.path.exists(binary):
        pytest.exit(
            "HWSUBMIT_EMULATOR must name the built hwsubmit-emulator binary "
            "(run `make test-fidelity`, or `swift build` and set it by hand)",
            returncode=2,
        )
    process = subprocess.Popen(
        [binary, "--port", "0", "--ready-json", "--exit-on-stdin-eof",
         "--step-delay", STEP_DELAY, "--page-size", str(PAGE_SIZE)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        pytest.exit("hwsubmit-emulator did not start: " + process.stderr.read(), returncode=2)
    ready = json.loads(line)
    yield ready
    process.stdin.close()
    try:
        code = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("hwsubmit-emulator did not stop when its stdin closed")
    assert code == 0, "hwsubmit-emulator exited with status %d" % code


@pytest.fixture(autouse=True)
def fresh_state(emulator):
    """Every test starts from an empty emulator with no faults."""
    requests.post(emulator["adminURL"] + "/reset", timeout=10).raise_for_status()
    yield


@pytest.fixture(scope="session")
def token(emulator):
    answer = requests.post(emulator["tokenURL"], data={
        "grant_type": "client_credentials",
        "client_id": emulator["clientId"],
        "client_secret": emulator["clientSecret"],
        "resource": "https://manage.devcenter.microsoft.com",
    }, timeout=10)
    answer.raise_for_status()
    return answer.json()["access_token"]


class Api:
    """The hardware API through requests, with the headers the service asks for."""

    def __init__(self, base, token):
        self.base = base
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": "Bearer " + token,
            "Accept": "application/json",
            "MS-CorrelationId": str(uuid.uuid4()),
        })

    def call(self, method, path, **kwargs):
        headers = kwargs.pop("headers", {})
        headers["MS-RequestId"] = str(uuid.uuid4())
        url = path if path.startswith("http") else self.base + path
        return self.session.request(method, url, headers=headers, timeout=30, **kwargs)


@pytest.fixture
def api(emulator, token):
    return Api(emulator["baseURL"], token)
