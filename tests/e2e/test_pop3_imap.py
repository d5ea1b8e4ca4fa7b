"""POP3 and IMAP are two views of one INBOX (issue 5, DESIGN.md "Store"):
UIDL values are IMAP's UIDVALIDITY.UID, and a POP3 DELE, once the session
QUITs, reaches an IMAP session selected on the INBOX as an EXPUNGE."""

import imaplib
import poplib
import re
import time

from kurir import PASSWORD, USER
from pop3_util import import_messages, multipart_message, plain_message


def test_uidl_is_imap_uidvalidity_and_uid(server):
    import_messages(server, [plain_message(1), multipart_message(2), plain_message(3)])
    imap = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=10)
    imap.login(USER, PASSWORD)
    typ, data = imap.select("INBOX")
    assert typ == "OK" and data == [b"3"]
    uidvalidity = imap.untagged_responses["UIDVALIDITY"][0].decode()
    typ, data = imap.uid("SEARCH", "ALL")
    uids = data[0].split()
    imap.logout()

    pop = poplib.POP3("127.0.0.1", server.ports["pop3"], timeout=10)
    pop.user(USER)
    pop.pass_(PASSWORD)
    _, listing, _ = pop.uidl()
    pop.quit()
    assert [line.split()[1].decode() for line in listing] == [f"{uidvalidity}.{u.decode()}" for u in uids]


def test_dele_at_quit_is_an_expunge_for_an_imap_session(server):
    import_messages(server, [plain_message(1), plain_message(2), plain_message(3)])
    imap = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=10)
    imap.login(USER, PASSWORD)
    assert imap.select("INBOX") == ("OK", [b"3"])

    pop = poplib.POP3("127.0.0.1", server.ports["pop3"], timeout=10)
    pop.user(USER)
    pop.pass_(PASSWORD)
    pop.dele(2)
    # RFC 1939 6: nothing is removed before QUIT.
    typ, _ = imap.noop()
    assert typ == "OK" and "EXPUNGE" not in imap.untagged_responses
    assert pop.quit().startswith(b"+OK")

    # The expunge reaches the IMAP session by its next command (the change
    # feed is asynchronous: a NOOP may come before it, never a wrong answer).
    deadline = time.monotonic() + 10
    while imap.noop()[0] == "OK" and "EXPUNGE" not in imap.untagged_responses and time.monotonic() < deadline:
        time.sleep(0.05)
    assert imap.untagged_responses.pop("EXPUNGE") == [b"2"]
    typ, data = imap.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    subjects = [re.search(rb"Subject: (.*)\r\n", part[1]).group(1) for part in data if isinstance(part, tuple)]
    assert subjects == [b"plain 1", b"plain 3"]
    imap.logout()
