"""IMAP end to end with Python's imaplib and raw lines (issue 4): greeting and
CAPABILITY, LOGIN and AUTHENTICATE, the account's IMAP switch, LIST/LSUB,
SELECT/EXAMINE, STATUS, APPEND, STORE, EXPUNGE, CLOSE/UNSELECT, COPY/MOVE
with UIDPLUS, CREATE/DELETE/RENAME/SUBSCRIBE, NAMESPACE, ID, ENABLE, QUOTA,
STARTTLS and implicit TLS, and the bounds on input."""

import base64
import imaplib
import re
import socket
import zlib

import pytest

from imap_util import Raw, refused, append, connect, login, multipart_message, ok, plain_message, tls_context
from kurir import PASSWORD, USER


def test_greeting_and_capabilities_before_and_after_login(server):
    # RFC 9051 7.1.1: the greeting carries the capabilities.
    imap = connect(server)
    assert imap.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1 IMAP4rev2")
    caps = ok(imap.capability())[0].split()
    for c in (b"STARTTLS", b"AUTH=PLAIN", b"AUTH=LOGIN", b"SASL-IR", b"LITERAL+", b"ID", b"ENABLE", b"IDLE"):
        assert c in caps, c
    assert b"LOGINDISABLED" not in caps  # loopback: passwords allowed in clear (plaintext_auth = loopback)
    ok(imap.login(USER, PASSWORD))
    caps = ok(imap.capability())[0].split()
    for c in (b"UIDPLUS", b"MOVE", b"CONDSTORE", b"QRESYNC", b"ESEARCH", b"SEARCHRES", b"SORT",
              b"THREAD=REFERENCES", b"THREAD=ORDEREDSUBJECT", b"SPECIAL-USE", b"CREATE-SPECIAL-USE",
              b"LIST-EXTENDED", b"LIST-STATUS", b"CHILDREN", b"STATUS=SIZE", b"UTF8=ACCEPT", b"BINARY",
              b"NAMESPACE", b"UNSELECT", b"QUOTA", b"MULTIAPPEND"):
        assert c in caps, c
    assert any(c.startswith(b"APPENDLIMIT=") for c in caps)
    assert b"STARTTLS" not in caps and b"AUTH=PLAIN" not in caps
    assert imap.logout()[0] == "BYE"


def test_login_failures_and_state_errors(server):
    imap = connect(server)
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        imap.login(USER, "wrong password")
    # RFC 9051 6: SELECT before login is refused.
    raw = Raw(server.ports["imap"])
    raw.line()
    _, done = raw.command("SELECT INBOX")
    assert done.startswith(b"R1 BAD")
    _, done = raw.command("FROB")
    assert done.startswith(b"R2 BAD")
    _, done = raw.command("LOGOUT")
    assert done.startswith(b"R3 OK")


def test_authenticate_plain_with_and_without_initial_response_and_login(server):
    token = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    raw = Raw(server.ports["imap"])
    raw.line()
    _, done = raw.command(f"AUTHENTICATE PLAIN {token}")  # RFC 4959 SASL-IR
    assert done.startswith(b"R1 OK [CAPABILITY "), done
    raw = Raw(server.ports["imap"])
    raw.line()
    raw.send(b"a AUTHENTICATE PLAIN\r\n")
    assert raw.line() == b"+ "
    raw.send(token.encode() + b"\r\n")
    _, done = raw.until(b"a")
    assert done.startswith(b"a OK"), done
    # AUTH=LOGIN through imaplib's authenticate().
    imap = connect(server)
    answers = iter([USER.encode(), PASSWORD.encode()])
    ok(imap.authenticate("LOGIN", lambda challenge: next(answers)))
    # "*" cancels (RFC 9051 6.2.2).
    raw = Raw(server.ports["imap"])
    raw.line()
    raw.send(b"b AUTHENTICATE PLAIN\r\n")
    raw.line()
    raw.send(b"*\r\n")
    _, done = raw.until(b"b")
    assert done.startswith(b"b BAD")


def test_imap_access_switch_is_honoured_at_login(server):
    server.run("user", "set", USER, "--imap", "off")
    imap = connect(server)
    with pytest.raises(imaplib.IMAP4.error, match=r"AUTHORIZATIONFAILED.*IMAP access is turned off"):
        imap.login(USER, PASSWORD)
    server.run("user", "set", USER, "--imap", "on")
    ok(connect(server).login(USER, PASSWORD))


def test_list_lsub_special_use_children_and_status(server):
    imap = login(server)
    ok(imap.create("Projects/2024/Q1"))  # RFC 9051 6.3.4: superiors are created too
    lines = ok(imap.list())
    names = {re.search(rb'"/" "?([^"]*)"?$', l).group(1): l for l in lines}
    for name in (b"INBOX", b"Drafts", b"Sent", b"Trash", b"Junk", b"Archive", b"Projects", b"Projects/2024"):
        assert name in names, (name, lines)
    assert b"\\Sent" in names[b"Sent"] and b"\\Trash" in names[b"Trash"]  # RFC 6154 2
    assert b"\\HasChildren" in names[b"Projects"] and b"\\HasNoChildren" in names[b"Sent"]  # RFC 3348
    # "%" stops at the delimiter.
    top = ok(imap.list('""', "%"))
    assert not any(b"Projects/2024" in l for l in top)
    assert ok(imap.list("Projects/", "%")) == [b'(\\HasChildren) "/" "Projects/2024"']
    # RFC 9051 6.3.9: LIST "" "" gives the delimiter.
    assert ok(imap.list('""', '""')) == [b'(\\Noselect) "/" ""']
    # LSUB: the default mailboxes are subscribed, new ones are not.
    lsub = b"".join(ok(imap.lsub()))
    assert b'"Sent"' in lsub and b"Projects" not in lsub
    ok(imap.subscribe("Projects"))
    assert any(b'"Projects"' in l for l in ok(imap.lsub()))
    ok(imap.unsubscribe("Projects"))
    # LIST-EXTENDED: (SPECIAL-USE) selection and RETURN (SUBSCRIBED STATUS (...)) (RFC 5258, 6154, 5819).
    typ, data = imap._simple_command("LIST", "(SPECIAL-USE)", '""', '"*"', "RETURN", "(SUBSCRIBED STATUS (MESSAGES UIDNEXT SIZE))")
    assert typ == "OK"
    listed = imap.untagged_responses.pop("LIST", [])
    statuses = imap.untagged_responses.pop("STATUS", [])
    assert len(listed) == 5 and all(b"\\Subscribed" in l for l in listed), listed
    assert any(s.startswith(b'"Sent" (MESSAGES 0 UIDNEXT 1 SIZE 0)') for s in statuses), statuses
    # STATUS (RFC 9051 6.3.11, RFC 8438 SIZE).
    message = plain_message(1)
    append(imap, "INBOX", message)
    status = ok(imap.status("INBOX", "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ)"))[0]
    assert re.match(rb'"INBOX" \(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \d+ UNSEEN 1 DELETED 0 SIZE %d HIGHESTMODSEQ \d+\)'
                    % len(message), status), status
    refused(imap.status("Nope", "(MESSAGES)"), "NONEXISTENT")


def test_select_examine_append_store_expunge(server):
    imap = login(server)
    uids = [append(imap, "INBOX", plain_message(i)) for i in range(1, 4)]
    assert uids == [1, 2, 3]
    # RFC 9051 6.3.2: the SELECT responses.
    typ, data = imap.select("INBOX")
    assert typ == "OK" and data == [b"3"]
    assert imap.untagged_responses.get("FLAGS")
    for code in ("UIDVALIDITY", "UIDNEXT", "PERMANENTFLAGS", "HIGHESTMODSEQ", "READ-WRITE"):
        assert code in imap.untagged_responses, code
    # STORE (RFC 9051 6.4.6): +FLAGS, -FLAGS, FLAGS, keywords, .SILENT.
    assert ok(imap.store("1:2", "+FLAGS", r"(\Flagged $Work)")) == [
        b"1 (FLAGS (\\Flagged $Work))", b"2 (FLAGS (\\Flagged $Work))"]
    assert ok(imap.store("2", "-FLAGS", r"($Work)")) == [b"2 (FLAGS (\\Flagged))"]
    assert ok(imap.store("3", "FLAGS.SILENT", r"(\Seen)")) == [None]
    assert ok(imap.fetch("1:3", "(FLAGS)")) == [
        b"1 (FLAGS (\\Flagged $Work))", b"2 (FLAGS (\\Flagged))", b"3 (FLAGS (\\Seen))"]
    assert ok(imap.uid("STORE", "3", "+FLAGS", r"(\Deleted)")) == [b"3 (UID 3 FLAGS (\\Seen \\Deleted))"]
    # EXPUNGE reports the sequence number (RFC 9051 7.5.1).
    ok(imap.store("1", "+FLAGS", r"(\Deleted)"))
    typ, data = imap.expunge()
    assert typ == "OK" and data == [b"3", b"1"], data
    assert ok(imap.fetch("1:*", "(UID)")) == [b"1 (UID 2)"]
    # Sequence numbers past the end are an error.
    with pytest.raises(imaplib.IMAP4.error):
        imap.fetch("5", "(UID)")
    # UID EXPUNGE (RFC 4315 2.1) takes only the given UIDs.
    append(imap, "INBOX", plain_message(4))
    ok(imap.store("1:2", "+FLAGS", r"(\Deleted)"))
    ok(imap.uid("EXPUNGE", "4"))
    assert ok(imap.fetch("1:*", "(UID)")) == [b"1 (UID 2)"]
    # CLOSE expunges silently; EXAMINE is read-only.
    ok(imap.close())
    typ, data = imap.select("INBOX", readonly=True)
    assert data == [b"0"] and "READ-ONLY" in imap.untagged_responses
    refused(imap.store("1:*", "+FLAGS", r"(\Seen)"), "READ-ONLY")
    ok(imap.unselect())


def test_append_with_flags_date_and_multiappend(server):
    imap = login(server)
    typ, data = imap.append("Drafts", r"(\Draft \Seen)", imaplib.Time2Internaldate(1700000000), plain_message(1))
    assert typ == "OK" and re.match(rb"\[APPENDUID \d+ 1\]", data[0])
    ok(imap.select("Drafts"))
    assert ok(imap.fetch("1", "(FLAGS INTERNALDATE)")) == [
        b'1 (FLAGS (\\Seen \\Draft) INTERNALDATE "14-Nov-2023 22:13:20 +0000")']
    # RFC 3502 MULTIAPPEND: two messages in one command, two synchronizing literals.
    raw = Raw(server.ports["imap"])
    raw.login()
    one, two = plain_message(2), plain_message(3)
    raw.send(b"m APPEND Drafts (\\Seen) {%d}\r\n" % len(one))
    assert raw.line().startswith(b"+ ")
    raw.send(one + b" {%d}\r\n" % len(two))
    assert raw.line().startswith(b"+ ")
    raw.send(two + b"\r\n")
    _, done = raw.until(b"m")
    assert re.match(rb"m OK \[APPENDUID \d+ 2:3\]", done), done
    # A missing mailbox: TRYCREATE (RFC 9051 6.3.12).
    refused(imap.append("Nowhere", None, None, plain_message(4)), "TRYCREATE")


def test_copy_and_move_with_copyuid(server):
    imap = login(server)
    for i in range(1, 4):
        append(imap, "INBOX", plain_message(i))
    ok(imap.select("INBOX"))
    typ, data = imap.copy("1:2", "Archive")
    assert typ == "OK" and re.match(rb"\[COPYUID \d+ 1:2 1:2\]", data[0]), data
    # RFC 6851 3.3: MOVE answers COPYUID untagged, then EXPUNGE, then OK.
    typ, data = imap.uid("MOVE", "2:3", "Trash")
    assert typ == "OK"
    copyuid = [r for r in imap.untagged_responses.pop("OK", []) if b"COPYUID" in r]
    assert any(re.match(rb"\[COPYUID \d+ 2:3 1:2\]", r) for r in copyuid), copyuid
    assert imap.untagged_responses.pop("EXPUNGE", []) == [b"3", b"2"]
    assert ok(imap.fetch("1:*", "(UID)")) == [b"1 (UID 1)"]
    refused(imap.copy("1", "Nowhere"), "TRYCREATE")
    assert ok(imap.status("Trash", "(MESSAGES)"))[0].endswith(b"(MESSAGES 2)")
    assert ok(imap.status("Archive", "(MESSAGES)"))[0].endswith(b"(MESSAGES 2)")


def test_create_delete_rename_including_inbox(server):
    imap = login(server)
    ok(imap.create("Work/"))  # RFC 9051 6.3.4: the trailing delimiter is dropped
    refused(imap.create("Work"), "ALREADYEXISTS")
    refused(imap.create("inbox"), "ALREADYEXISTS")
    ok(imap.create("Work/Old"))
    ok(imap.rename("Work", "Job"))  # children follow (RFC 9051 6.3.6)
    names = b" ".join(ok(imap.list()))
    assert b'"Job/Old"' in names and b'"Work' not in names
    ok(imap.delete("Job/Old"))
    refused(imap.delete("Job/Old"), "NONEXISTENT")
    refused(imap.delete("INBOX"), "CANNOT")
    # RFC 9051 6.3.6: renaming INBOX moves its messages and leaves it empty.
    append(imap, "INBOX", plain_message(1))
    ok(imap.rename("INBOX", '"Old mail"'))
    assert ok(imap.status("INBOX", "(MESSAGES)"))[0].endswith(b"(MESSAGES 0)")
    assert ok(imap.status('"Old mail"', "(MESSAGES)"))[0].endswith(b"(MESSAGES 1)")
    # CREATE-SPECIAL-USE (RFC 6154 3).
    typ, _ = imap._simple_command("CREATE", "Everything", "(USE (\\All))")
    assert typ == "OK"
    assert any(b"\\All" in l for l in ok(imap.list('""', "Everything")))


def test_non_ascii_mailbox_names_modified_utf7_and_utf8(server):
    imap = login(server)
    ok(imap.create("&AOQ-pfel"))  # "äpfel" in modified UTF-7 (RFC 3501 5.1.3)
    assert any(l.endswith(b'"&AOQ-pfel"') for l in ok(imap.list('""', "*pfel")))
    # RFC 6855 3: with UTF8=ACCEPT enabled, names are UTF-8.
    ok(imap.enable("UTF8=ACCEPT"))
    assert any(l.endswith('"äpfel"'.encode()) for l in ok(imap.list('""', "*pfel")))


def test_namespace_id_enable_quota(server):
    imap = login(server)
    assert ok(imap.namespace()) == [b'(("" "/")) NIL NIL']
    imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))  # RFC 2971; imaplib lacks it
    typ, data = imap._simple_command("ID", '("name" "pytest")')
    assert typ == "OK" and imap.untagged_responses.pop("ID")[0].startswith(b'("name" "Kurir"')
    typ, data = imap._simple_command("ENABLE", "CONDSTORE", "X-UNKNOWN")
    assert typ == "OK" and imap.untagged_responses.pop("ENABLED") == [b"CONDSTORE"]
    # QUOTA (RFC 9208) from the account's quota.
    server.run("user", "set", USER, "--quota", "10M")
    message = plain_message(1, body="x" * 5000)
    append(imap, "INBOX", message)
    typ, data = imap.getquotaroot("INBOX")
    assert typ == "OK"
    used = (len(message) + 1023) // 1024  # RFC 9208 5.1: units of 1024 octets
    assert data[0] == [b'"INBOX" ""'] and data[1] == [b'"" (STORAGE %d 10240)' % used], data
    refused(imap.setquota('""', "(STORAGE 1)"), "NOPERM")
    server.run("user", "set", USER, "--quota", "4K")
    refused(imap.append("INBOX", None, None, plain_message(2, body="y" * 5000)), "OVERQUOTA")


def test_starttls_discards_pipelined_plaintext_and_implicit_tls(server):
    raw = Raw(server.ports["imap"])
    raw.line()
    # CVE-2011-0411: a command injected after STARTTLS in the same packet is dropped.
    raw.send(b"s STARTTLS\r\nx LOGIN injected command\r\n")
    assert raw.line() == b"s OK begin TLS negotiation now"
    raw.start_tls()
    _, done = raw.command("CAPABILITY")
    assert done.startswith(b"R1 OK")
    _, done = raw.command(f'LOGIN "{USER}" "{PASSWORD}"')
    assert done.startswith(b"R2 OK"), done
    # Port 993: TLS from the first byte.
    imap = login(server, tls=True)
    ok(imap.select("INBOX"))
    assert imap.logout()[0] == "BYE"


def test_logindisabled_without_tls_when_plaintext_is_refused(kurir):
    config = kurir.data / "kurir.toml"
    text = config.read_text()
    assert 'plaintext = "loopback"' in text
    config.write_text(text.replace('plaintext = "loopback"', 'plaintext = "never"'))
    kurir.use_free_loopback_ports()
    kurir.start()
    try:
        imap = connect(kurir)
        caps = ok(imap.capability())[0].split()
        assert b"LOGINDISABLED" in caps and b"AUTH=PLAIN" not in caps
        with pytest.raises(imaplib.IMAP4.error, match="PRIVACYREQUIRED"):
            imap.login(USER, PASSWORD)
        imap.starttls(tls_context())
        ok(imap.login(USER, PASSWORD))
    finally:
        assert kurir.stop() == 0


def test_literals_bounds_and_bad_commands(server):
    raw = Raw(server.ports["imap"])
    raw.login()
    # RFC 7889 / RFC 9051 7.1 TOOBIG: refused before the client sends it.
    raw.send(b"a APPEND INBOX {999999999999}\r\n")
    assert raw.line().startswith(b"a NO [TOOBIG]")
    # LITERAL+ (RFC 7888): no continuation for {N+}.
    msg = plain_message(1)
    raw.send(b"b APPEND INBOX {%d+}\r\n" % len(msg) + msg + b"\r\n")
    _, done = raw.until(b"b")
    assert done.startswith(b"b OK [APPENDUID"), done
    _, done = raw.command('SELECT "IN\\"BOX"')
    assert done.startswith(b"R2 NO [NONEXISTENT]")
    _, done = raw.command("FETCH 1 (BODY[")
    assert done.startswith(b"R3 BAD")
    # A line over the bound is skipped and answered; the session goes on.
    raw.send(b"c NOOP " + b"x" * 70000 + b"\r\n")
    assert b"BAD" in raw.line()
    _, done = raw.command("NOOP")
    assert done.startswith(b"R4 OK")
    # RFC 7888 4: a too large non-synchronizing literal closes the connection.
    raw.send(b"d LOGIN {100000+}\r\n")
    assert raw.line().startswith(b"d BAD [TOOBIG]")
    assert raw.line().startswith(b"* BYE")
    assert raw.closed()


def test_too_many_bad_commands_close_the_connection(server):
    raw = Raw(server.ports["imap"])
    raw.line()
    for i in range(19):
        _, done = raw.command("FROB")
        assert b" BAD " in done
    raw.send(b"last FROB\r\n")
    lines = [raw.line(), raw.line()]
    assert lines[0].startswith(b"last BAD") and lines[1].startswith(b"* BYE")
    assert raw.closed()



def test_compress_deflate_both_ways_with_pipelined_compressed_commands(server):
    # RFC 4978: after the tagged OK both sides speak raw DEFLATE; what the
    # client sent right behind COMPRESS (pipelined, already compressed) is
    # read as such.
    imap = login(server)
    append(imap, "INBOX", plain_message(1))
    s = socket.create_connection(("127.0.0.1", server.ports["imap"]), timeout=10)
    received = b""

    def until(marker: bytes) -> bytes:
        nonlocal received
        while marker not in received:
            chunk = s.recv(65536)
            assert chunk, received
            received += chunk
        head, _, received = received.partition(marker)
        return head + marker

    until(b"\r\n")
    s.sendall(f'a LOGIN {USER} "{PASSWORD}"\r\nb CAPABILITY\r\n'.encode())
    assert b"a OK" in until(b"a OK")
    assert b" COMPRESS=DEFLATE" in until(b"b OK")
    until(b"\r\n")
    deflate = zlib.compressobj(wbits=-15)
    inflate = zlib.decompressobj(wbits=-15)
    pipelined = deflate.compress(b"d SELECT INBOX\r\n") + deflate.flush(zlib.Z_SYNC_FLUSH)
    s.sendall(b"c COMPRESS DEFLATE\r\n" + pipelined)
    until(b"c OK DEFLATE active\r\n")
    s.sendall(deflate.compress(b"e FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)])\r\nf COMPRESS DEFLATE\r\n")
              + deflate.flush(zlib.Z_SYNC_FLUSH))
    text = inflate.decompress(received)
    while b"f " not in text:
        chunk = s.recv(65536)
        assert chunk, text
        text += inflate.decompress(chunk)
    assert b"d OK [READ-WRITE]" in text
    assert b"Subject: plain 1" in text and b"e OK" in text
    assert b"f NO [COMPRESSIONACTIVE]" in text
    s.close()


def test_compress_with_corrupt_deflate_ends_the_connection_and_the_server_goes_on(server):
    # A stream that does not inflate cannot be answered in kind (RFC 4978 has
    # no way back to plain text): the connection ends; nothing else does.
    s = socket.create_connection(("127.0.0.1", server.ports["imap"]), timeout=10)
    s.recv(1000)
    s.sendall(f'a LOGIN {USER} "{PASSWORD}"\r\n'.encode())
    while b"a OK" not in s.recv(1000):
        pass
    s.sendall(b"c COMPRESS DEFLATE\r\n")
    assert s.recv(1000) == b"c OK DEFLATE active\r\n"
    s.sendall(b"\xff" * 64)  # reserved block type 3: invalid
    assert s.recv(1000) == b""
    s.close()
    ok(login(server).noop())
