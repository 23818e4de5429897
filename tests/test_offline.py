"""Nothing touches the network: the engine loads and scans with every socket refused."""

from __future__ import annotations

import subprocess
import sys

CODE = r"""
import socket
def refuse(*args, **kwargs):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from redactor.detect.engine import Engine
found = Engine().analyze_text("Mail amanda.diaz@example.org or call (217) 555-0143. SSN 123-45-6789.")
print(sorted({f.type for f in found}))
"""


def test_engine_runs_with_network_refused() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "EMAIL_ADDRESS" in out.stdout and "US_SSN" in out.stdout and "PHONE_NUMBER" in out.stdout
