"""POP3 end to end with Python's poplib and raw lines (issue 5): RFC 1939
commands, RFC 2449 CAPA and response codes, RFC 5034 AUTH, RFC 2595 STLS,
implicit TLS, the maildrop snapshot, DELE at QUIT, [IN-USE], the account's
POP3 switch, the login throttle and the bounds on input."""

import base64
import poplib
import re
import socket
import sqlite3
import ssl
import time

import pytest

from kurir import PASSWORD, USER
from pop3_util import Raw, import_messages, multipart_message, plain_message, stored_form


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # self-signed
    return ctx


def connect(server) -> poplib.POP3:
    return poplib.POP3("127.0.0.1", server.ports["pop3"], timeout=10)


def login(server) -> poplib.POP3:
    pop = connect(server)
    pop.user(USER)
    pop.pass_(PASSWORD)
    return pop


@pytest.fixture
def messages(server):
    """Three messages in alice's INBOX: multipart, plain, multipart."""
    sent = [multipart_message(1), plain_message(2), multipart_message(3)]
    import_messages(server, sent)
    return [stored_form(m) for m in sent]


def test_capa_lists_what_is_offered_and_no_apop(server):
    # RFC 2449 5; RFC 1939 7: APOP needs a timestamp in the greeting, and there is none.
    pop = connect(server)
    assert pop.getwelcome().startswith(b"+OK")
    assert b"<" not in pop.getwelcome()
    capa = pop.capa()
    for tag in ("TOP", "UIDL", "USER", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS", "UTF8"):
        assert tag in capa, tag
    assert capa["SASL"] == ["PLAIN", "LOGIN"]
    assert capa["IMPLEMENTATION"] == ["Kurir"]
    with pytest.raises(poplib.error_proto):
        pop.apop(USER, PASSWORD)
    assert pop._shortcmd("UTF8").startswith(b"+OK")  # RFC 6856 3
    pop.quit()


def test_stat_list_uidl_retr_top(server, messages):
    pop = login(server)
    # RFC 1939 5: sizes are the messages' octets as sent, before dot-stuffing.
    assert pop.stat() == (3, sum(len(m) for m in messages))
    _, listing, _ = pop.list()
    assert listing == [f"{i + 1} {len(m)}".encode() for i, m in enumerate(messages)]
    assert pop.list(2).split() == [b"+OK", b"2", str(len(messages[1])).encode()]
    # RFC 1939 7: unique ids, here UIDVALIDITY.UID.
    _, uidls, _ = pop.uidl()
    ids = [line.split()[1].decode() for line in uidls]
    assert all(re.fullmatch(r"\d+\.\d+", i) for i in ids) and len(set(ids)) == 3
    assert pop.uidl(3).split()[2].decode() == ids[2]
    for i, expected in enumerate(messages):
        response, lines, octets = pop.retr(i + 1)
        assert response == f"+OK {len(expected)} octets".encode()
        assert b"\r\n".join(lines) + b"\r\n" == expected  # dot-stuffing undone by poplib
    # TOP n 0: the header and the blank line; TOP n 3: three lines of the body too.
    header, body = messages[0].split(b"\r\n\r\n", 1)
    _, lines, _ = pop.top(1, 0)
    assert b"\r\n".join(lines) + b"\r\n" == header + b"\r\n\r\n"
    _, lines, _ = pop.top(1, 3)
    assert b"\r\n".join(lines) + b"\r\n" == header + b"\r\n\r\n" + b"".join(body.split(b"\r\n")[i] + b"\r\n" for i in range(3))
    _, lines, _ = pop.top(2, 100)
    assert b"\r\n".join(lines) + b"\r\n" == messages[1]
    with pytest.raises(poplib.error_proto, match="no such message"):
        pop.retr(4)
    pop.quit()


def test_dele_takes_effect_at_quit_and_uidls_stay(server, messages):
    pop = login(server)
    _, before, _ = pop.uidl()
    assert pop.dele(1).startswith(b"+OK")
    with pytest.raises(poplib.error_proto, match="deleted"):
        pop.retr(1)
    assert pop.stat() == (2, len(messages[1]) + len(messages[2]))
    assert pop.quit().startswith(b"+OK")
    pop = login(server)
    _, after, _ = pop.uidl()
    assert [line.split()[1] for line in after] == [line.split()[1] for line in before[1:]]
    _, lines, _ = pop.retr(1)
    assert b"\r\n".join(lines) + b"\r\n" == messages[1]
    pop.quit()
    # The store saw the expunge (what IMAP will show): two messages' bytes are
    # left, the deleted UID is a tombstone, and UIDL is UIDVALIDITY.UID of the rows.
    account = next(a for a in server.json("user", "list") if a["address"] == USER)
    assert account["used_bytes"] == len(messages[1]) + len(messages[2])
    db = sqlite3.connect(f"file:{server.data / 'kurir.db'}?mode=ro", uri=True)
    inbox = "FROM mailboxes mb JOIN {} t ON t.mailbox_id = mb.id WHERE mb.name = 'INBOX' ORDER BY t.uid"
    live = db.execute("SELECT mb.uidvalidity, t.uid " + inbox.format("messages")).fetchall()
    gone = db.execute("SELECT mb.uidvalidity, t.uid " + inbox.format("expunged")).fetchall()
    db.close()
    assert [f"{v}.{u}".encode() for v, u in live] == [line.split()[1] for line in after]
    assert [f"{v}.{u}".encode() for v, u in gone] == [before[0].split()[1]]


def test_rset_and_dropped_connection_delete_nothing(server, messages):
    pop = login(server)
    pop.dele(1)
    pop.dele(2)
    assert pop.rset().startswith(b"+OK")
    assert pop.stat()[0] == 3
    pop.dele(3)
    pop.sock.shutdown(socket.SHUT_RDWR)  # RFC 1939 6: no QUIT, no UPDATE state
    pop.sock.close()
    time.sleep(0.3)
    pop = login(server)
    assert pop.stat()[0] == 3
    pop.quit()


def test_mail_arriving_during_a_session_waits_for_the_next(server, messages):
    pop = login(server)
    import_messages(server, [plain_message(4, "late")])
    time.sleep(0.5)
    assert pop.stat()[0] == 3
    _, listing, _ = pop.list()
    assert len(listing) == 3
    pop.quit()
    pop = login(server)
    assert pop.stat()[0] == 4
    pop.quit()


def test_second_session_gets_in_use(server, messages):
    first = login(server)
    second = connect(server)
    second.user(USER)
    with pytest.raises(poplib.error_proto, match=r"\[IN-USE\]"):
        second.pass_(PASSWORD)
    first.quit()
    second.user(USER)
    assert second.pass_(PASSWORD).startswith(b"+OK")
    second.quit()


def test_pop3_switched_off_refuses_login_with_auth_code(server, messages):
    server.run("user", "set", USER, "--pop3", "off")
    pop = connect(server)
    pop.user(USER)
    with pytest.raises(poplib.error_proto, match=r"\[AUTH\] POP3 access is turned off for this account"):
        pop.pass_(PASSWORD)
    server.run("user", "set", USER, "--pop3", "on")
    pop.user(USER)
    assert pop.pass_(PASSWORD).startswith(b"+OK")
    pop.quit()


def test_wrong_password_gets_auth_code_and_a_growing_delay(server):
    pop = connect(server)
    times = []
    for _ in range(3):
        pop.user(USER)
        start = time.monotonic()
        with pytest.raises(poplib.error_proto, match=r"^b'-ERR \[AUTH\] invalid user name or password'$"):
            pop.pass_("wrong")
        times.append(time.monotonic() - start)
    # auth/login_throttle.hpp: 0, then 500 ms, then 1 s before the answer.
    assert times[1] >= 0.45 and times[2] >= 0.95 and times[2] > times[1], times
    pop.user(USER)
    assert pop.pass_(PASSWORD).startswith(b"+OK")  # the right one still works, after the wait
    pop.quit()


def test_auth_plain_login_and_cancel(server, messages):
    # RFC 5034 4: initial response, continuation, and "*".
    raw = Raw(server.ports["pop3"])
    assert raw.line().startswith(b"+OK")
    raw.send(b"AUTH PLAIN\r\n")
    assert raw.line() == b"+ "
    raw.send(b"*\r\n")
    assert raw.line().startswith(b"-ERR")
    raw.send(b"AUTH LOGIN\r\n")
    assert raw.line() == b"+ VXNlcm5hbWU6"
    raw.send(base64.b64encode(USER.encode()) + b"\r\n")
    assert raw.line() == b"+ UGFzc3dvcmQ6"
    raw.send(base64.b64encode(PASSWORD.encode()) + b"\r\n")
    assert raw.line().startswith(b"+OK")
    raw.send(b"STAT\r\nQUIT\r\n")
    assert raw.line().startswith(b"+OK 3 ")
    assert raw.line().startswith(b"+OK")
    raw.close()

    pop = connect(server)
    token = base64.b64encode(b"\0" + USER.encode() + b"\0" + PASSWORD.encode()).decode()
    assert pop._shortcmd("AUTH PLAIN " + token).startswith(b"+OK")
    assert pop.stat()[0] == 3
    pop.quit()


def test_stls_then_login_and_pipelined_plaintext_is_dropped(server, messages):
    pop = connect(server)
    pop.stls(tls_context())
    assert "STLS" not in pop.capa()
    pop.user(USER)
    pop.pass_(PASSWORD)
    assert pop.stat()[0] == 3
    pop.quit()

    # RFC 2595 4 / CVE-2011-0411: a command sent with STLS in the same packet is never run.
    raw = Raw(server.ports["pop3"])
    raw.line()
    raw.send(b"STLS\r\nUSER " + USER.encode() + b"\r\n")
    assert raw.line().startswith(b"+OK")
    raw.start_tls()
    raw.send(b"PASS " + PASSWORD.encode() + b"\r\n")
    assert raw.line() == b"-ERR send USER first"
    raw.close()


def test_plaintext_refused_before_stls_when_configured(server, messages):
    path = server.data / "kurir.toml"
    server.stop()
    path.write_text(re.sub(r'plaintext = "loopback"', 'plaintext = "never"', path.read_text()))
    assert 'plaintext = "never"' in path.read_text()
    server.start()
    pop = connect(server)
    assert "USER" not in pop.capa() and "STLS" in pop.capa()
    with pytest.raises(poplib.error_proto, match=r"\[AUTH\] Plaintext"):
        pop.user(USER)
    pop.stls(tls_context())
    pop.user(USER)
    assert pop.pass_(PASSWORD).startswith(b"+OK")
    pop.quit()


def test_pop3s_is_implicit_tls(server, messages):
    pop = poplib.POP3_SSL("127.0.0.1", server.ports["pop3s"], context=tls_context(), timeout=10)
    assert "STLS" not in pop.capa()
    pop.user(USER)
    pop.pass_(PASSWORD)
    assert pop.stat()[0] == 3
    _, lines, _ = pop.retr(2)
    assert b"\r\n".join(lines) + b"\r\n" == messages[1]
    pop.quit()


def test_too_long_line_and_too_many_errors(server):
    raw = Raw(server.ports["pop3"])
    raw.line()
    raw.send(b"NOOP " + b"x" * 300 + b"\r\n")  # RFC 2449 4: 255 octets
    assert raw.line() == b"-ERR line too long"
    raw.send(b"USER " + b"x" * 10000 + b"\r\n")  # past what is even read
    assert raw.line() == b"-ERR line too long"
    raw.send(b"CAPA\r\n")
    assert raw.line().startswith(b"+OK")
    raw.multiline()
    for _ in range(7):  # 2 + 7 errors so far; the 10th closes (limits::kMaxPop3ErrorsPerSession)
        raw.send(b"BOGUS\r\n")
        assert raw.line() == b"-ERR unknown command"
    raw.send(b"BOGUS\r\n")
    assert raw.line() == b"-ERR unknown command"
    assert raw.line() == b"-ERR too many errors, closing the connection"
    assert raw.closed()


@pytest.mark.parametrize("piece", [None, 1])
def test_pipelining(server, messages, piece):
    # RFC 2449 6.6: a batch of commands, sent at once or a byte at a time.
    raw = Raw(server.ports["pop3"])
    raw.line()
    batch = (f"USER {USER}\r\nPASS {PASSWORD}\r\nSTAT\r\nLIST\r\nRETR 2\r\nTOP 1 0\r\nDELE 1\r\nUIDL 1\r\nRSET\r\n"
             "QUIT\r\n").encode()
    if piece:
        raw.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(0, len(batch), piece):
            raw.send(batch[i:i + piece])
    else:
        raw.send(batch)
    assert raw.line().startswith(b"+OK")  # USER
    assert raw.line().startswith(b"+OK")  # PASS
    assert raw.line() == f"+OK 3 {sum(len(m) for m in messages)}".encode()
    assert raw.line().startswith(b"+OK")
    assert len(raw.multiline()) == 3
    assert raw.line() == f"+OK {len(messages[1])} octets".encode()
    assert b"\r\n".join(raw.multiline()) + b"\r\n" == messages[1]
    assert raw.line().startswith(b"+OK")
    raw.multiline()
    assert raw.line() == b"+OK message 1 deleted"
    assert raw.line() == b"-ERR message 1 is deleted"
    assert raw.line().startswith(b"+OK maildrop has 3 messages")
    assert raw.line().startswith(b"+OK")
    assert raw.closed()
