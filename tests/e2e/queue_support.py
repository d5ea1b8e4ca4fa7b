"""Helpers for the outbound queue's end-to-end tests: a DNS server of the
test's own (dnsmasq on a loopback port) and a second Kurir as the remote MX."""

import imaplib
import re
import sys
import time
from pathlib import Path

from kurir import Kurir, free_port, new_data_dir, remove_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "lib"))
import dnsmasq  # noqa: E402

REMOTE_PASSWORD = "remote horse battery"


class Dns(dnsmasq.Dns):
    """dnsmasq (bench/lib/dnsmasq.py) on a free port below the ephemeral range."""

    def __init__(self, records: list[str]):
        super().__init__(records, free_port())


def toml_value(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def set_config(kurir: Kurir, section: str, values: dict) -> None:
    """Sets keys of one kurir.toml section (they must already be there)."""
    config = (kurir.data / "kurir.toml").read_text()
    header = re.search(rf"^\[{re.escape(section)}\][^\n]*\n", config, flags=re.M)  # may end in a comment
    assert header, f"no [{section}] in kurir.toml"
    head, rest = config[:header.end()], config[header.end():]
    body, sep, tail = rest.partition("\n[")
    for key, value in values.items():
        body, n = re.subn(rf"^{key} = .*$", lambda _: f"{key} = {toml_value(value)}", body, flags=re.M)
        assert n == 1, f"no {section}.{key} in kurir.toml"
    (kurir.data / "kurir.toml").write_text(head + body + sep + tail)


def remote_kurir(domain: str, user: str) -> Kurir:
    """A second, initialised Kurir for DOMAIN with USER; ports chosen, not started."""
    k = Kurir(new_data_dir())
    # Its certificate names the host the smarthost tests reach it by.
    k.init("--domain", domain, user=user, password=REMOTE_PASSWORD, hostname=f"smarthost.{domain}")
    k.use_free_loopback_ports()
    return k


def dispose(k: Kurir) -> None:
    k.kill()
    remove_data_dir(k.data)


def inbox_messages(kurir: Kurir, user: str, password: str, count: int, timeout: float = 20,
                   peer: Kurir | None = None) -> list[bytes]:
    """Waits until USER's INBOX holds COUNT messages and returns them (a failure shows PEER's log)."""
    deadline = time.monotonic() + timeout
    while True:
        imap = imaplib.IMAP4("127.0.0.1", kurir.ports["imap"], timeout=10)
        imap.login(user, password)
        typ, data = imap.select("INBOX", readonly=True)
        held = int(data[0])
        if held >= count or time.monotonic() > deadline:
            messages = []
            if held:
                _, fetched = imap.fetch("1:*", "(BODY.PEEK[])")
                messages = [part[1] for part in fetched if isinstance(part, tuple)]
            imap.logout()
            log = peer.output() if peer else kurir.output()
            assert held == count, f"{user} holds {held} messages, not {count}: {messages!r}\n{log[-4000:]}"
            return messages
        imap.logout()
        time.sleep(0.2)
