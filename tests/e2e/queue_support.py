"""Helpers for the outbound queue's end-to-end tests: a DNS server of the
test's own (dnsmasq on a loopback port) and a second Kurir as the remote MX."""

import imaplib
import re
import shutil
import socket
import subprocess
import time

from kurir import Kurir, free_port, new_data_dir, remove_data_dir

REMOTE_PASSWORD = "remote horse battery"


class Dns:
    """dnsmasq answering only from its command line, on 127.0.0.1:port (UDP and TCP)."""

    def __init__(self, records: list[str]):
        self.port = free_port()
        self.process = subprocess.Popen(
            [shutil.which("dnsmasq") or "/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
             f"--port={self.port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv",
             "--no-hosts", "--pid-file", *records],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"dnsmasq exited: {self.process.stdout.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("dnsmasq did not come up")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def set_config(kurir: Kurir, section: str, values: dict) -> None:
    """Sets keys of one kurir.toml section (they must already be there)."""
    config = (kurir.data / "kurir.toml").read_text()
    head, _, rest = config.partition(f"[{section}]\n")
    assert rest, f"no [{section}] in kurir.toml"
    body, sep, tail = rest.partition("\n[")
    for key, value in values.items():
        text = f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
        body, n = re.subn(rf"^{key} = .*$", f"{key} = {text}", body, flags=re.M)
        assert n == 1, f"no {section}.{key} in kurir.toml"
    (kurir.data / "kurir.toml").write_text(head + f"[{section}]\n" + body + sep + tail)


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
