"""IMAP end to end with npm's imapflow (issue 4): STARTTLS, LIST with
special-use, CREATE, APPEND, STATUS, FETCH of envelope, body structure,
source and parts, SEARCH, STORE, COPY, MOVE, IDLE, EXPUNGE, RENAME and
DELETE, as imapflow drives them (tests/e2e/js/imapflow_test.mjs). Needs
node and tests/e2e/js/node_modules (scripts/install-deps)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kurir import PASSWORD, USER

JS = Path(__file__).resolve().parent / "js"


@pytest.mark.skipif(shutil.which("node") is None or not (JS / "node_modules" / "imapflow").exists(),
                    reason="node or imapflow missing: run scripts/install-deps")
def test_imapflow_scenario(server):
    env = dict(os.environ, KURIR_IMAP_PORT=str(server.ports["imap"]), KURIR_USER=USER, KURIR_PASSWORD=PASSWORD)
    result = subprocess.run(["node", str(JS / "imapflow_test.mjs")], cwd=JS, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr + "\n" + server.output()[-4000:]
    assert "imapflow scenario passed" in result.stdout
