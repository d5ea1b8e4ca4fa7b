"""Debian's fetchmail downloading alice's INBOX from Kurir (issue 5 "Tests"):
once leaving the mail on the server (keep) over POP3 with STLS, once
deleting it over implicit TLS; every message arrives intact."""

import os
import poplib
import shutil
import subprocess
from pathlib import Path

import pytest

from kurir import PASSWORD, USER
from pop3_util import import_messages, multipart_message, plain_message, scratch_dir

pytestmark = pytest.mark.skipif(shutil.which("fetchmail") is None, reason="fetchmail is not installed (scripts/install-deps)")


def fetch(server, work: Path, port: int, implicit_tls: bool, keep: bool) -> subprocess.CompletedProcess:
    out = work / "delivered.mbox"
    rc = work / "fetchmailrc"
    tls = "ssl" if implicit_tls else 'sslproto "tls1.2+"'  # without ssl: STLS required (RFC 2595)
    rc.write_text(
        "set no syslog\nset no bouncemail\n"
        f"poll 127.0.0.1 service {port} protocol pop3 auth password\n"
        f'  user "{USER}" there with password "{PASSWORD}" is "root" here\n'
        f"  {tls} no sslcertck\n"
        f"  {'keep' if keep else 'no keep'} fetchall no rewrite\n"
        f'  mda "cat >> {out}"\n')
    os.chmod(rc, 0o600)
    env = dict(os.environ, FETCHMAILHOME=str(work), HOME=str(work))
    return subprocess.run(["fetchmail", "-f", str(rc), "--nosyslog", "-v"], env=env, capture_output=True, text=True,
                          timeout=60)


def server_count(server) -> int:
    pop = poplib.POP3("127.0.0.1", server.ports["pop3"], timeout=10)
    pop.user(USER)
    pop.pass_(PASSWORD)
    count = pop.stat()[0]
    pop.quit()
    return count


def delivered(work: Path) -> bytes:
    return (work / "delivered.mbox").read_bytes()


def test_fetchmail_keep_then_delete(server):
    sent = [multipart_message(1), plain_message(2), multipart_message(3)]
    import_messages(server, sent)
    work = scratch_dir(server)
    os.chmod(work, 0o700)

    result = fetch(server, work, server.ports["pop3"], implicit_tls=False, keep=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "STLS" in result.stdout + result.stderr  # fetchmail upgraded the connection (RFC 2595)
    text = delivered(work)
    for m in sent:  # fetchmail hands the MDA LF line ends, with its own Received: field on top
        assert m.replace(b"\r\n", b"\n").rstrip(b"\n") in text
    assert server_count(server) == 3

    (work / "delivered.mbox").unlink()
    result = fetch(server, work, server.ports["pop3s"], implicit_tls=True, keep=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = delivered(work)
    for m in sent:
        assert m.replace(b"\r\n", b"\n").rstrip(b"\n") in text
    assert server_count(server) == 0
    # A second run finds nothing: fetchmail's exit status 1 is "no mail".
    assert fetch(server, work, server.ports["pop3s"], implicit_tls=True, keep=False).returncode == 1
