"""Helpers for the outbound queue's end-to-end tests: a DNS server of the
test's own (dnsmasq on a loopback port) and a second Kurir as the remote MX."""

import imaplib
import re
import socket
import sys
import threading
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


class BrokenTlsMx:
    """An MX on 127.0.0.1 that offers STARTTLS on every connection but answers
    the handshake with a line of text and hangs up, and takes mail in plaintext
    from a client that does not ask for TLS. sessions: one dict per
    connection, {"starttls": tried it, "messages": [(sender, recipients, data)]}."""

    def __init__(self):
        self.port = free_port()
        self.sessions: list[dict] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self.listener.close()

    def snapshot(self) -> list[dict]:
        with self.lock:
            return [{"starttls": s["starttls"], "messages": list(s["messages"])} for s in self.sessions]

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        session = {"starttls": False, "messages": []}
        with self.lock:
            self.sessions.append(session)
        conn.settimeout(30)
        with conn, conn.makefile("rb") as lines:
            def reply(text: str) -> None:
                conn.sendall(text.encode() + b"\r\n")

            reply("220 mx.remote.example ESMTP")
            sender, recipients = "", []
            for line in lines:
                command = line.decode(errors="replace").rstrip("\r\n")
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    reply("250-mx.remote.example\r\n250-8BITMIME\r\n250 STARTTLS")
                elif verb == "HELO":
                    reply("250 mx.remote.example")
                elif verb == "STARTTLS":
                    with self.lock:
                        session["starttls"] = True
                    reply("220 2.0.0 ready to start TLS")
                    conn.recv(4096)  # the client's hello, answered with no TLS at all
                    conn.sendall(b"this is not TLS\r\n")
                    return
                elif verb == "MAIL":
                    sender, recipients = command[len("MAIL FROM:"):], []
                    reply("250 2.1.0 ok")
                elif verb == "RCPT":
                    recipients.append(command[len("RCPT TO:"):])
                    reply("250 2.1.5 ok")
                elif verb == "DATA":
                    reply("354 end with .")
                    data = []
                    for body_line in lines:
                        if body_line == b".\r\n":
                            break
                        data.append(body_line)
                    with self.lock:
                        session["messages"].append((sender, recipients, b"".join(data)))
                    reply("250 2.0.0 queued")
                elif verb == "RSET":
                    reply("250 2.0.0 ok")
                elif verb == "QUIT":
                    reply("221 2.0.0 bye")
                    return
                else:
                    reply("500 5.5.1 unknown command")


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
