"""Helpers for the POP3 end-to-end tests: messages put into a mailbox through
`kurir import` (there is no SMTP yet), and raw POP3 lines for what poplib
does not speak (AUTH, pipelining, STLS with pipelined plaintext)."""

import os
import socket
import ssl
import tempfile
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from kurir import USER


def multipart_message(n: int) -> bytes:
    msg = MIMEMultipart()
    msg["From"] = "Bob <bob@example.org>"
    msg["To"] = USER
    msg["Subject"] = f"multipart {n}"
    msg["Message-ID"] = f"<multipart-{n}@example.org>"
    msg.attach(MIMEText(f"Hello number {n}.\nSecond line.\n.\n..starts with dots\nLast line.\n"))
    msg.attach(MIMEApplication(bytes(range(256)) * 20, Name="blob.bin"))
    return msg.as_bytes()


def plain_message(n: int, subject: str = "plain") -> bytes:
    return (f"From: carol@example.org\nTo: {USER}\nSubject: {subject} {n}\nMessage-ID: <plain-{n}@example.org>\n\n"
            f"Body of {n}.\n.\nA line after a lone dot.\n").encode()


def stored_form(message: bytes) -> bytes:
    """The bytes as import_messages() stores them and RETR sends them: CRLF line ends."""
    return (message.replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n").replace(b"\n", b"\r\n")


def scratch_dir(kurir) -> Path:
    """A dir the CLI can read: run as root, kurir's admin commands become the
    data dir's owner (see test_cli_transfer.py)."""
    path = Path(tempfile.mkdtemp(prefix="kurir-pop3-"))
    owner = kurir.data.stat()
    if os.geteuid() == 0:
        os.chown(path, owner.st_uid, owner.st_gid)
    os.chmod(path, 0o755)
    return path


def import_messages(kurir, messages: list[bytes]) -> None:
    """Appends messages to alice's INBOX, in order."""
    folder = scratch_dir(kurir)
    mbox = folder / "in.mbox"
    with open(mbox, "wb") as f:
        for m in messages:
            assert b"\nFrom " not in m, "the test messages avoid mbox From_ quoting"
            f.write(b"From sender@example.org Mon Jan  1 00:00:00 2024\n")
            f.write(m.replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\n")
    os.chmod(mbox, 0o644)
    kurir.run("import", "--user", USER, "mbox", str(mbox))


class Raw:
    """A POP3 connection at the level of lines."""

    def __init__(self, port: int, tls: bool = False):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if tls:
            self.start_tls()
        self.buffer = b""

    def start_tls(self) -> None:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        self.sock = ctx.wrap_socket(self.sock, server_hostname="mail.example.test")

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

    def multiline(self) -> list[bytes]:
        lines = []
        while (line := self.line()) != b".":
            lines.append(line[1:] if line.startswith(b".") else line)
        return lines

    def closed(self) -> bool:
        try:
            return self.sock.recv(1) == b"" and not self.buffer
        except (ConnectionResetError, ssl.SSLError):
            return True

    def close(self) -> None:
        self.sock.close()
