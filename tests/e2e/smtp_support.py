"""Helpers for the SMTP end-to-end tests: TLS contexts, raw SMTP over a
socket (for pipelining, BDAT and malformed input), and reading what the
store holds with sqlite3."""

import socket
import sqlite3
import ssl

from kurir import Kurir


def client_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # self-signed
    return ctx


class Raw:
    """SMTP spoken byte by byte: send exactly these bytes, read whole replies."""

    def __init__(self, port: int, tls: bool = False):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock = client_context().wrap_socket(sock, server_hostname="mail.example.test") if tls else sock
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError(f"connection closed; unread: {self.buffer!r}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def reply(self) -> tuple[int, str]:
        """One (possibly multi-line) reply: code and the text of its last line."""
        while True:
            line = self.line()
            if line[3:4] != b"-":
                return int(line[:3]), line[4:].decode("utf-8", "replace")

    def command(self, text: str | bytes) -> tuple[int, str]:
        self.send((text.encode() if isinstance(text, str) else text) + b"\r\n")
        return self.reply()

    def close(self) -> None:
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def stored(kurir: Kurir, address: str = "alice@example.test", mailbox: str = "INBOX") -> list[bytes]:
    """The bytes of every message in the account's mailbox, in UID order."""
    db = sqlite3.connect(kurir.data / "kurir.db", timeout=10)
    try:
        rows = db.execute(
            "SELECT c.bytes FROM messages m JOIN mailboxes b ON m.mailbox_id = b.id "
            "JOIN accounts a ON b.account_id = a.id JOIN contents c ON c.id = m.content_id "
            "WHERE a.address = ? AND b.name = ? ORDER BY m.uid", (address, mailbox)).fetchall()
        return [bytes(r[0]) for r in rows]
    finally:
        db.close()


def outbound(kurir: Kurir) -> list[tuple[str, list[str], bytes]]:
    """The outbound queue: (sender, recipients, bytes) per message."""
    db = sqlite3.connect(kurir.data / "kurir.db", timeout=10)
    try:
        out = []
        for oid, sender, data in db.execute("SELECT id, sender, bytes FROM outbound ORDER BY id").fetchall():
            rcpts = [r[0] for r in db.execute(
                "SELECT address FROM outbound_recipients WHERE outbound_id = ? ORDER BY address", (oid,))]
            out.append((sender, rcpts, bytes(data)))
        return out
    finally:
        db.close()


def body_of(stored_bytes: bytes) -> bytes:
    """The message as the client sent it: without our Return-Path and Received."""
    assert stored_bytes.startswith(b"Return-Path: <"), stored_bytes[:100]
    rest = stored_bytes.split(b"\r\n", 1)[1]
    assert rest.startswith(b"Received: "), rest[:100]
    # Received is folded over lines that start with a tab; it ends at the first line that does not.
    lines = rest.split(b"\r\n")
    i = 1
    while lines[i].startswith(b"\t"):
        i += 1
    return b"\r\n".join(lines[i:])
