"""Durability (issue 3, DESIGN.md "Durability"): `kurir serve` is killed with
SIGKILL while several clients deliver; after a restart every message that
got 250 is in the store exactly once."""

import smtplib
import threading
import time

from smtp_support import stored


def deliver_until_refused(port: int, client: int, acknowledged: list[str], stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        try:
            s = smtplib.SMTP("127.0.0.1", port, timeout=10)
            s.ehlo(f"client{client}.remote.example")
            while not stop.is_set():
                token = f"c{client}-m{n}"
                msg = f"Subject: {token}\r\nMessage-ID: <{token}@remote.example>\r\n\r\n{token}\r\n".encode()
                s.sendmail("bob@remote.example", ["alice@example.test"], msg)
                acknowledged.append(token)  # only after the 250 to DATA
                n += 1
        except (OSError, smtplib.SMTPException):
            return


def test_every_acknowledged_message_survives_sigkill_exactly_once(server):
    acknowledged: list[str] = []
    stop = threading.Event()
    clients = [threading.Thread(target=deliver_until_refused,
                                args=(server.ports["smtp"], i, acknowledged, stop)) for i in range(6)]
    for c in clients:
        c.start()
    time.sleep(3)
    server.kill()  # SIGKILL, mid-delivery
    stop.set()
    for c in clients:
        c.join(timeout=30)
    assert len(acknowledged) > 10, "the clients barely delivered before the kill"
    server.start()
    subjects = [m.split(b"Subject: ", 1)[1].split(b"\r\n", 1)[0].decode() for m in stored(server)]
    missing = set(acknowledged) - set(subjects)
    assert not missing, f"{len(missing)} acknowledged messages lost, e.g. {sorted(missing)[:5]}"
    duplicates = {s for s in subjects if subjects.count(s) > 1}
    assert not duplicates, f"stored more than once: {sorted(duplicates)[:5]}"
