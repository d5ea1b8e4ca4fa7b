"""SMTP with Debian's swaks as the client (issue 3 "Tests"): STARTTLS and
AUTH on submission, implicit TLS, a plain MX delivery, and a refused AUTH."""

import shutil
import subprocess

import pytest

from kurir import PASSWORD, USER
from smtp_support import body_of, stored

pytestmark = pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks is not installed")


def swaks(port: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["swaks", "--server", "127.0.0.1", "--port", str(port), "--helo", "swaks.example.test",
                           "--timeout", "10", *args], capture_output=True, text=True, timeout=60)


def test_swaks_mx_delivery(server):
    r = swaks(server.ports["smtp"], "--from", "bob@remote.example", "--to", USER, "--body", "from swaks")
    assert r.returncode == 0, r.stdout + r.stderr
    [data] = stored(server)
    assert b"from swaks" in body_of(data)


def test_swaks_starttls_auth_submission(server):
    r = swaks(server.ports["submission"], "--tls", "--auth", "PLAIN", "--auth-user", USER, "--auth-password",
              PASSWORD, "--from", USER, "--to", USER, "--header", f"From: {USER}")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "<~  235 2.7.0" in r.stdout
    assert b"with ESMTPSA" in stored(server)[0]


def test_swaks_implicit_tls_auth_login(server):
    r = swaks(server.ports["submissions"], "--tls-on-connect", "--auth", "LOGIN", "--auth-user", USER,
              "--auth-password", PASSWORD, "--from", USER, "--to", USER, "--header", f"From: {USER}")
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(stored(server)) == 1


def test_swaks_wrong_password_is_refused(server):
    r = swaks(server.ports["submission"], "--tls", "--auth", "PLAIN", "--auth-user", USER, "--auth-password",
              "nope", "--from", USER, "--to", USER)
    assert r.returncode != 0
    assert "535 5.7.8" in r.stdout
