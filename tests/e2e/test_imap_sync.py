"""Several IMAP sessions on one mailbox (issue 4): changes by one appear to
the other at the points RFC 9051 7.5.1 allows (never an EXPUNGE during FETCH,
STORE or SEARCH by sequence number), IDLE pushes (RFC 2177) for another
session's changes and for mail delivered through SMTP, and CONDSTORE/QRESYNC
resynchronisation (RFC 7162) after changes made while a client was away."""

import re
import smtplib

from imap_util import Raw, append, login, ok, plain_message
from kurir import USER
from pop3_util import import_messages


def raw_selected(server, enable: str = "") -> Raw:
    raw = Raw(server.ports["imap"])
    raw.login()
    if enable:
        _, done = raw.command(f"ENABLE {enable}")
        assert b" OK " in done
    _, done = raw.command("SELECT INBOX")
    assert b" OK " in done, done
    return raw


def test_other_sessions_changes_arrive_at_allowed_points(server):
    writer = login(server)
    for i in range(1, 4):
        append(writer, "INBOX", plain_message(i))
    reader = raw_selected(server)
    ok(writer.select("INBOX"))
    ok(writer.store("2", "+FLAGS", r"(\Deleted \Flagged)"))
    ok(writer.expunge())
    append(writer, "INBOX", plain_message(4))
    # RFC 9051 7.5.1: FETCH by sequence number gets the flag change and the
    # new message, never the EXPUNGE; the numbers it uses stay valid.
    untagged, done = reader.command("FETCH 1:3 (UID)")
    assert b" OK " in done
    assert b"* 1 FETCH (UID 1)" in untagged and b"* 2 FETCH (UID 2)" in untagged
    assert b"* 4 EXISTS" in untagged
    assert not any(b"EXPUNGE" in l for l in untagged), untagged
    # NOOP may: the EXPUNGE comes now, with the number the client knows.
    untagged, done = reader.command("NOOP")
    assert untagged == [b"* 2 EXPUNGE"], untagged
    untagged, _ = reader.command("UID FETCH 1:* (UID)")
    assert [l for l in untagged if b"FETCH" in l] == [b"* 1 FETCH (UID 1)", b"* 2 FETCH (UID 3)",
                                                       b"* 3 FETCH (UID 4)"]


def test_two_sessions_racing_on_one_mailbox(server):
    a, b = login(server), login(server)
    for i in range(1, 11):
        append(a, "INBOX", plain_message(i))
    ok(a.select("INBOX"))
    ok(b.select("INBOX"))
    # Interleaved: a expunges odd UIDs while b flags and moves even ones.
    ok(a.uid("STORE", "1,3,5,7,9", "+FLAGS", r"(\Deleted)"))
    ok(b.uid("STORE", "2,4", "+FLAGS", r"(\Flagged)"))
    ok(a.expunge())
    ok(b.uid("MOVE", "6,8", "Archive"))
    ok(a.noop())
    ok(b.noop())
    # imaplib keeps unsolicited FETCHes for the next fetch(); start clean.
    a.untagged_responses.clear()
    b.untagged_responses.clear()
    uids_a = re.findall(rb"UID (\d+)", b" ".join(ok(a.fetch("1:*", "(UID FLAGS)"))))
    uids_b = re.findall(rb"UID (\d+)", b" ".join(ok(b.fetch("1:*", "(UID FLAGS)"))))
    assert uids_a == uids_b == [b"2", b"4", b"10"]
    assert ok(a.uid("FETCH", "2", "(FLAGS)")) == [b"1 (UID 2 FLAGS (\\Flagged))"]


def test_idle_reports_another_sessions_changes(server):
    writer = login(server)
    append(writer, "INBOX", plain_message(1))
    idler = raw_selected(server)
    idler.send(b"i IDLE\r\n")
    assert idler.line().startswith(b"+ ")
    ok(writer.select("INBOX"))
    append(writer, "INBOX", plain_message(2))
    assert idler.line() == b"* 2 EXISTS"
    ok(writer.store("1", "+FLAGS", r"(\Seen)"))
    assert idler.line() == b"* 1 FETCH (UID 1 FLAGS (\\Seen))"
    ok(writer.store("1", "+FLAGS", r"(\Deleted)"))
    idler.line()
    ok(writer.expunge())
    assert idler.line() == b"* 1 EXPUNGE"
    ok(writer.store("1", "+FLAGS", "($Label1)"))
    assert idler.line() == b"* 1 FETCH (UID 2 FLAGS ($Label1))"
    idler.send(b"DONE\r\n")
    assert idler.line() == b"i OK IDLE terminated"
    # While idling the session kept a compact view of the mailbox; after
    # DONE every item is served again as before.
    untagged, _ = idler.command("FETCH 1 (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (Subject)])")
    response = b"\r\n".join(untagged)
    assert b"UID 2 FLAGS ($Label1) RFC822.SIZE " in response
    assert b"Subject: plain 2" in response


def test_mail_delivered_by_smtp_appears_to_an_idling_client(server):
    idler = raw_selected(server)
    idler.send(b"i IDLE\r\n")
    assert idler.line().startswith(b"+ ")
    with smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=10) as smtp:
        smtp.sendmail("someone@example.org", [USER], plain_message(7))
    assert idler.line() == b"* 1 EXISTS"
    idler.send(b"DONE\r\n")
    assert idler.line() == b"i OK IDLE terminated"
    untagged, _ = idler.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)])")
    assert b"Subject: plain 7" in b"\r\n".join(untagged)


def test_idle_reports_mail_imported_by_the_cli(server):
    # Another process writes the database: the store notices it (DESIGN.md
    # "Changes are published") and the IDLE-ing client hears of it.
    idler = raw_selected(server)
    idler.send(b"i IDLE\r\n")
    assert idler.line().startswith(b"+ ")
    import_messages(server, [plain_message(8)])
    assert idler.line() == b"* 1 EXISTS"
    idler.send(b"DONE\r\n")
    assert idler.line() == b"i OK IDLE terminated"


def test_condstore_changedsince_and_unchangedsince(server):
    imap = login(server)
    for i in range(1, 4):
        append(imap, "INBOX", plain_message(i))
    raw = raw_selected(server, "CONDSTORE")
    untagged, done = raw.command("STATUS INBOX (HIGHESTMODSEQ)")
    start = int(re.search(rb"HIGHESTMODSEQ (\d+)", untagged[0]).group(1))
    ok(imap.select("INBOX"))
    ok(imap.store("2", "+FLAGS", r"(\Answered)"))
    # RFC 7162 3.1.4.1: only what changed since.
    untagged, done = raw.command(f"FETCH 1:* (FLAGS) (CHANGEDSINCE {start})")
    fetches = [l for l in untagged if b"FETCH" in l]
    assert len(fetches) == 1 and fetches[0].startswith(b"* 2 FETCH (UID 2 FLAGS (\\Answered) MODSEQ ("), fetches
    changed = int(re.search(rb"MODSEQ \((\d+)\)", fetches[0]).group(1))
    # RFC 7162 3.1.3: UNCHANGEDSINCE refuses messages changed after it.
    untagged, done = raw.command(f"STORE 1:2 (UNCHANGEDSINCE {changed - 1}) +FLAGS (\\Flagged)")
    assert re.match(rb"R\d+ OK \[MODIFIED 2\]", done), done
    assert any(l.startswith(b"* 1 FETCH (UID 1 FLAGS (\\Flagged) MODSEQ (") for l in untagged), untagged
    # SEARCH MODSEQ (RFC 7162 3.1.5).
    untagged, _ = raw.command(f"SEARCH MODSEQ {changed}")
    assert re.match(rb"\* SEARCH 1 2 \(MODSEQ \d+\)", untagged[0]), untagged


def test_qresync_resync_after_changes_by_another_session(server):
    imap = login(server)
    for i in range(1, 6):
        append(imap, "INBOX", plain_message(i))
    first = raw_selected(server, "QRESYNC")
    untagged, _ = first.command("STATUS INBOX (UIDVALIDITY HIGHESTMODSEQ)")
    uidvalidity, modseq = map(int, re.search(rb"UIDVALIDITY (\d+) HIGHESTMODSEQ (\d+)", untagged[0]).groups())
    first.command("LOGOUT")
    # While the client is away: flags change on 2, 3 and 5 go away.
    ok(imap.select("INBOX"))
    ok(imap.uid("STORE", "2", "+FLAGS", r"(\Seen)"))
    ok(imap.uid("STORE", "3,5", "+FLAGS", r"(\Deleted)"))
    ok(imap.expunge())
    # RFC 7162 3.2.5: SELECT (QRESYNC ...) tells exactly that.
    again = Raw(server.ports["imap"])
    again.login()
    again.command("ENABLE QRESYNC")
    untagged, done = again.command(f"SELECT INBOX (QRESYNC ({uidvalidity} {modseq} 1:5))")
    assert b" OK [READ-WRITE]" in done
    assert b"* VANISHED (EARLIER) 3,5" in untagged, untagged
    assert any(l.startswith(b"* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (") for l in untagged), untagged
    # Later expunges arrive as VANISHED (RFC 7162 3.2.10).
    ok(imap.uid("STORE", "4", "+FLAGS", r"(\Deleted)"))
    ok(imap.expunge())
    untagged, _ = again.command("NOOP")
    assert b"* VANISHED 4" in untagged, untagged
    # UID FETCH ... (CHANGEDSINCE m VANISHED) (RFC 7162 3.2.6).
    untagged, _ = again.command(f"UID FETCH 1:* (FLAGS) (CHANGEDSINCE {modseq} VANISHED)")
    assert untagged[0] == b"* VANISHED (EARLIER) 3:5", untagged
