"""IMAP FETCH, SEARCH, SORT and THREAD end to end with imaplib (issue 4):
every FETCH item on multipart messages (RFC 9051 6.4.5, RFC 3516 BINARY,
RFC 7162 MODSEQ), \\Seen set by BODY[] but not BODY.PEEK[], SEARCH keys
including TEXT/BODY through the full-text index, ESEARCH and SAVE (RFC 4731,
RFC 5182), SORT and THREAD (RFC 5256)."""

import imaplib
import re

import pytest

from imap_util import refused, append, login, multipart_message, ok, plain_message


@pytest.fixture
def mailbox(server):
    """alice's INBOX with multipart 1, plain 2, multipart 3, selected."""
    imap = login(server)
    messages = [multipart_message(1), plain_message(2, body="The quick brown fox.\n"), multipart_message(3)]
    for m in messages:
        append(imap, "INBOX", m)
    ok(imap.select("INBOX"))
    return imap, messages


def fetch_one(imap, spec: str, n: str = "1"):
    return ok(imap.fetch(n, spec))


def test_fetch_whole_message_header_text_and_size(mailbox):
    imap, messages = mailbox
    data = fetch_one(imap, "(RFC822.SIZE BODY.PEEK[])")
    assert data[0][0] == b"1 (RFC822.SIZE %d BODY[] {%d}" % (len(messages[0]), len(messages[0]))
    assert data[0][1] == messages[0]
    header, body = messages[0].split(b"\r\n\r\n", 1)
    data = fetch_one(imap, "(BODY.PEEK[HEADER] BODY.PEEK[TEXT])")
    assert data[0][1] == header + b"\r\n\r\n"
    assert data[1][1] == body
    data = fetch_one(imap, "(RFC822.HEADER)")
    assert data[0][1] == header + b"\r\n\r\n"
    # Nothing above set \Seen (PEEK and RFC822.HEADER).
    assert fetch_one(imap, "(FLAGS)") == [b"1 (FLAGS ())"]


def test_fetch_parts_mime_partial_and_header_fields(mailbox):
    imap, messages = mailbox
    data = fetch_one(imap, "(BODY.PEEK[1.1] BODY.PEEK[1.1.MIME])")
    assert data[0][1] == b"Hello number 1.\r\nSecond line.\r\n"
    assert b"Content-Type: text/plain" in data[1][1] and data[1][1].endswith(b"\r\n\r\n")
    # <partial> (RFC 9051 6.4.5): the answer names the origin only.
    data = fetch_one(imap, "(BODY.PEEK[]<0.20>)")
    assert data[0][0] == b"1 (BODY[]<0> {20}" and data[0][1] == messages[0][:20]
    data = fetch_one(imap, "(BODY.PEEK[HEADER.FIELDS (Subject From)])")
    assert data[0][1] == b"From: Bob Example <bob@example.org>\r\nSubject: multipart 1\r\n\r\n"
    data = fetch_one(imap, "(BODY.PEEK[HEADER.FIELDS.NOT (Subject From To Cc Date Message-ID Content-Type MIME-Version)])")
    assert data[0][1] == b"\r\n"
    # BINARY (RFC 3516): the attachment decoded from base64; BINARY.SIZE its size.
    data = fetch_one(imap, "(BINARY.PEEK[2] BINARY.SIZE[2])")
    assert data[0][1] == bytes(range(256)) * 8
    assert data[1].endswith(b"BINARY.SIZE[2] 2048)")


def test_fetch_envelope_bodystructure_internaldate_uid_modseq(mailbox):
    imap, _ = mailbox
    data = fetch_one(imap, "(UID ENVELOPE)")[0]
    assert data.startswith(b'1 (UID 1 ENVELOPE ("Mon, 01 Jan 2024 10:00:00 +0000" "multipart 1" '
                           b'(("Bob Example" NIL "bob" "example.org"))')
    data = fetch_one(imap, "(BODYSTRUCTURE)")[0]
    assert re.search(rb'\(\("text" "plain" .*\)\("text" "html" .*\) "alternative"', data, re.I), data
    assert re.search(rb'"application" "octet-stream"', data, re.I) and re.search(rb'"mixed"', data, re.I)
    data = fetch_one(imap, "(BODY)")[0]
    assert data.startswith(b"1 (BODY (((")
    data = fetch_one(imap, "(INTERNALDATE FLAGS)")[0]
    assert re.match(rb'1 \(INTERNALDATE "\d\d-\w{3}-\d{4} \d\d:\d\d:\d\d [+-]\d{4}" FLAGS \(\)\)', data), data
    # UID FETCH adds the UID; MODSEQ (RFC 7162 3.1.4.1).
    data = ok(imap.uid("FETCH", "3", "(MODSEQ)"))[0]
    assert re.match(rb"3 \(UID 3 MODSEQ \(\d+\)\)", data), data
    # FAST / ALL / FULL macros.
    data = fetch_one(imap, "FULL", "2")[0]
    assert b"ENVELOPE" in data and b"BODY (" in data and b"RFC822.SIZE" in data


def test_body_without_peek_sets_seen_and_reports_flags(mailbox):
    imap, messages = mailbox
    data = fetch_one(imap, "(BODY[])", "2")
    assert data[0][1] == messages[1]
    assert b"FLAGS (\\Seen)" in data[1] or b"FLAGS (\\Seen)" in data[0][0]
    assert fetch_one(imap, "(FLAGS)", "2") == [b"2 (FLAGS (\\Seen))"]
    # RFC822 also marks read; EXAMINE never does.
    ok(imap.select("INBOX", readonly=True))
    fetch_one(imap, "(RFC822)", "3")
    assert fetch_one(imap, "(FLAGS)", "3") == [b"3 (FLAGS ())"]


def test_search_keys_esearch_save_and_text(mailbox):
    imap, _ = mailbox
    ok(imap.store("2", "+FLAGS", r"(\Flagged)"))
    assert ok(imap.search(None, "ALL")) == [b"1 2 3"]
    assert ok(imap.search(None, "FLAGGED")) == [b"2"]
    assert ok(imap.search(None, "UNFLAGGED SUBJECT multipart")) == [b"1 3"]
    assert ok(imap.search(None, "OR FROM carol FROM bob")) == [b"1 2 3"]
    assert ok(imap.search(None, "NOT FROM bob")) == [b"2"]
    assert ok(imap.search(None, "BODY", "quick")) == [b"2"]  # through the full-text index
    assert ok(imap.search(None, "TEXT", "brown")) == [b"2"]
    assert ok(imap.search(None, 'HEADER Message-ID "<multipart-3@example.org>"')) == [b"3"]
    assert ok(imap.search(None, "LARGER 1000")) == [b"1 3"]
    assert ok(imap.search(None, "SENTSINCE 02-Jan-2024")) == [b"2"]
    assert ok(imap.search("UTF-8", "SUBJECT", "plain")) == [b"2"]
    assert ok(imap.uid("SEARCH", "UID 2:*")) == [b"2 3"]
    refused(imap.search("KOI8-R", "ALL"), "BADCHARSET")
    # ESEARCH (RFC 4731) and SAVE / "$" (RFC 5182).
    typ, _ = imap._simple_command("SEARCH", "RETURN", "(MIN MAX COUNT SAVE)", "SUBJECT", "multipart")
    assert typ == "OK"
    assert imap.untagged_responses.pop("ESEARCH")[0].endswith(b"MIN 1 MAX 3 COUNT 2")
    assert ok(imap.fetch("$", "(UID)")) == [b"1 (UID 1)", b"3 (UID 3)"]


def test_sort_and_thread(server):
    imap = login(server)
    for n, subject in ((1, "banana"), (2, "Re: apple"), (3, "apple")):
        append(imap, "INBOX", plain_message(n, subject=subject))
    ok(imap.select("INBOX"))
    typ, data = imap.sort("(SUBJECT)", "UTF-8", "ALL")
    assert typ == "OK" and data == [b"2 3 1"], data  # base subjects "apple 2" < "apple 3" < "banana 1"
    typ, data = imap.sort("(REVERSE SUBJECT)", "UTF-8", "ALL")
    assert data == [b"1 3 2"]
    typ, data = imap.thread("ORDEREDSUBJECT", "UTF-8", "ALL")
    assert typ == "OK" and data[0].count(b"(") == 3, data
    typ, data = imap.uid("THREAD", "REFERENCES", "UTF-8", "ALL")
    assert typ == "OK" and data[0], data
