"""Helpers for the IMAP end-to-end tests: imaplib connections, a raw
line-level client for what imaplib does not speak (IDLE, literals, pipelining,
STARTTLS with injected plaintext), and test messages."""

import imaplib
import re
import socket
import ssl
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from kurir import PASSWORD, USER


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # self-signed
    return ctx


def connect(server) -> imaplib.IMAP4:
    return imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=10)


def login(server, tls: bool = False) -> imaplib.IMAP4:
    if tls:
        imap = imaplib.IMAP4_SSL("127.0.0.1", server.ports["imaps"], ssl_context=tls_context(), timeout=10)
    else:
        imap = connect(server)
    typ, _ = imap.login(USER, PASSWORD)
    assert typ == "OK"
    return imap


def ok(result):
    """The data of an imaplib (typ, data) result, asserting OK."""
    typ, data = result
    assert typ == "OK", (typ, data)
    return data


def refused(result, code: str):
    """Asserts an imaplib (typ, data) result is NO with this response code (imaplib raises only for BAD)."""
    typ, data = result
    assert typ == "NO" and data and f"[{code}".encode() in data[0], (typ, data)


def multipart_message(n: int) -> bytes:
    """text/plain + text/html alternative and a binary attachment, CRLF line ends."""
    msg = MIMEMultipart("mixed")
    msg["From"] = "Bob Example <bob@example.org>"
    msg["To"] = USER
    msg["Cc"] = "Carol <carol@example.org>"
    msg["Subject"] = f"multipart {n}"
    msg["Date"] = "Mon, 01 Jan 2024 10:00:00 +0000"
    msg["Message-ID"] = f"<multipart-{n}@example.org>"
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(f"Hello number {n}.\nSecond line.\n"))
    alternative.attach(MIMEText(f"<p>Hello number {n}.</p>", "html"))
    msg.attach(alternative)
    msg.attach(MIMEApplication(bytes(range(256)) * 8, Name="blob.bin"))
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def plain_message(n: int, subject: str = "plain", body: str = "") -> bytes:
    body = body or f"Body of {n}.\n"
    return (f"From: carol@example.org\nTo: {USER}\nSubject: {subject} {n}\nMessage-ID: <plain-{n}@example.org>\n"
            f"Date: Tue, 02 Jan 2024 1{n % 10}:00:00 +0000\n\n{body}").replace("\n", "\r\n").encode()


def append(imap: imaplib.IMAP4, mailbox: str, message: bytes, flags: str = "") -> int:
    """APPENDs and returns the new UID (RFC 4315 APPENDUID)."""
    typ, data = imap.append(mailbox, flags or None, None, message)
    assert typ == "OK", data
    m = re.search(rb"\[APPENDUID (\d+) (\d+)\]", data[0])
    assert m, data
    return int(m.group(2))


class Raw:
    """An IMAP connection at the level of lines."""

    def __init__(self, port: int, tls: bool = False, timeout: float = 10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        if tls:
            self.start_tls()
        self.buffer = b""
        self.counter = 0

    def start_tls(self) -> None:
        self.sock = tls_context().wrap_socket(self.sock, server_hostname="mail.example.test")

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed; have " + repr(self.buffer))
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def closed(self) -> bool:
        """True when the server has closed (after the buffered lines)."""
        try:
            return self.sock.recv(1) == b""
        except OSError:
            return True

    def command(self, text: str | bytes) -> tuple[list[bytes], bytes]:
        """Sends one tagged command; returns (untagged lines, tagged line)."""
        self.counter += 1
        tag = f"R{self.counter}".encode()
        self.send(tag + b" " + (text.encode() if isinstance(text, str) else text) + b"\r\n")
        return self.until(tag)

    def until(self, tag: bytes) -> tuple[list[bytes], bytes]:
        untagged = []
        while True:
            line = self.line()
            if line.startswith(tag + b" "):
                return untagged, line
            untagged.append(line)

    def login(self) -> None:
        self.line()  # greeting
        _, done = self.command(f'LOGIN "{USER}" "{PASSWORD}"')
        assert b" OK " in done, done
