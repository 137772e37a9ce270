"""Driver packages for the fidelity suite, zipped from the shared sample (examples/contoso-widget)."""

import io
import os
import zipfile

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "contoso-widget")
FILES = ["contosowidget.inf", "x64/contosowidget.sys", "arm64/contosowidget.sys"]

PRODUCT = {
    "productName": "Contoso Widget",
    "testHarness": "Attestation",
    "deviceType": "external",
    "requestedSignatures": ["WINDOWS_v100_X64_RS5_FULL", "WINDOWS_v100_ARM64_RS5_FULL"],
    "selectedProductTypes": {"windows_v100_RS5": "Unclassified"},
    "announcementDate": "2026-12-01T00:00:00Z",
    "firmwareVersion": "1.0",
    "marketingNames": [],
}


def sample_files():
    files = {}
    for name in FILES:
        with open(os.path.join(SAMPLE, name), "rb") as f:
            files[name] = f.read()
    return files


def sample_zip(extra=None):
    """The sample as a zip; `extra` adds files (name -> bytes) to make it larger."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in sample_files().items():
            archive.writestr(name, data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
