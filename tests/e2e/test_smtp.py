"""SMTP server, end to end with smtplib and raw sockets (issue 3): the
session on ports 25, 587 (STARTTLS) and 465 (implicit TLS), AUTH, relay and
sender rules, pipelining, BDAT, limits, smuggling."""

import smtplib

import pytest

from kurir import PASSWORD, USER
from smtp_support import Raw, body_of, client_context, outbound, stored

MESSAGE = (b"From: Bob <bob@remote.example>\r\nTo: alice@example.test\r\nSubject: hello\r\n"
           b"Message-ID: <1@remote.example>\r\n\r\nHi Alice,\r\n.leading dot\r\nbye\r\n")


def mx(server) -> smtplib.SMTP:
    s = smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=10)
    s.ehlo("client.remote.example")
    return s


def submission(server, login: bool = True) -> smtplib.SMTP:
    s = smtplib.SMTP("127.0.0.1", server.ports["submission"], timeout=10)
    s.starttls(context=client_context())
    s.ehlo("laptop.example.test")
    if login:
        s.login(USER, PASSWORD)
    return s


def test_greeting_and_ehlo_extensions_on_port_25(server):
    # RFC 5321 4.2 greeting; RFC 1870, 2920, 6152, 6531, 2034, 3207, 3030, 3461 keywords.
    s = smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=10)
    code, _ = s.ehlo("client.remote.example")
    assert code == 250
    for ext in ["pipelining", "size", "8bitmime", "smtputf8", "enhancedstatuscodes", "starttls", "chunking", "dsn"]:
        assert s.has_extn(ext), ext
    assert s.esmtp_features["size"] == str(50 * 1024 * 1024)
    assert not s.has_extn("auth")  # no AUTH on the MX port
    s.quit()


def test_mx_delivers_to_a_local_user_with_trace_headers(server):
    s = mx(server)
    assert s.sendmail("bob@remote.example", ["alice@example.test"], MESSAGE) == {}
    s.quit()
    [data] = stored(server)
    # RFC 5321 4.4: Return-Path and Received on top, the message's bytes intact below (dot unstuffed).
    assert data.startswith(b"Return-Path: <bob@remote.example>\r\nReceived: from client.remote.example ([127.0.0.1])")
    assert b"by mail.example.test (Kurir) with ESMTP id " in data
    assert b"for <alice@example.test>;" in data
    assert body_of(data) == MESSAGE


def test_unknown_user_and_relay_are_refused(server):
    s = mx(server)
    s.mail("bob@remote.example")
    assert s.rcpt("nobody@example.test") == (550, b"5.1.1 no such user here")
    assert s.rcpt("carol@elsewhere.example")[0:1] == (554,)  # RFC 5321 3.6.2: no open relay
    assert s.rcpt("alice@example.test")[0] == 250
    s.quit()


def test_sub_addressing_delivers_to_the_user(server):
    s = mx(server)
    s.sendmail("bob@remote.example", ["alice+lists@example.test"], MESSAGE)
    s.quit()
    assert len(stored(server)) == 1


def test_starttls_on_port_25_puts_tls_in_received(server):
    s = smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=10)
    s.starttls(context=client_context())
    s.ehlo("client.remote.example")
    assert not s.has_extn("starttls")
    s.sendmail("bob@remote.example", ["alice@example.test"], MESSAGE)
    s.quit()
    [data] = stored(server)
    assert b"with ESMTPS\r\n\t(TLSv1.3 " in data or b"with ESMTPS\r\n\t(TLSv1.2 " in data


def test_submission_needs_auth(server):
    s = submission(server, login=False)
    assert s.has_extn("auth") and "PLAIN" in s.esmtp_features["auth"] and "LOGIN" in s.esmtp_features["auth"]
    assert s.mail(USER) == (530, b"5.7.0 authentication required")  # RFC 4954 6
    s.quit()


def test_auth_plain_login_failure_and_cancel(server):
    s = submission(server, login=False)
    with pytest.raises(smtplib.SMTPAuthenticationError) as failed:
        s.login(USER, "wrong password")
    assert failed.value.smtp_code == 535 and failed.value.smtp_error.startswith(b"5.7.8")
    code, text = s.docmd("AUTH", "PLAIN")
    assert code == 334
    assert s.docmd("*") == (501, b"5.7.0 authentication cancelled")  # RFC 4954 4
    s.user, s.password = USER, PASSWORD
    assert s.auth("LOGIN", s.auth_login, initial_response_ok=False)[0] == 235
    s.quit()
    s = submission(server, login=False)
    s.user, s.password = USER, PASSWORD
    assert s.auth("PLAIN", s.auth_plain, initial_response_ok=True)[0] == 235  # initial response
    assert s.docmd("AUTH", "PLAIN")[0] == 503  # already authenticated
    s.quit()


def test_implicit_tls_submission_delivers_locally_and_queues_remote(server):
    s = smtplib.SMTP_SSL("127.0.0.1", server.ports["submissions"], timeout=10, context=client_context())
    s.ehlo("laptop.example.test")
    s.login(USER, PASSWORD)
    msg = b"From: alice@example.test\r\nTo: x\r\nSubject: out\r\n\r\nto the world\r\n"
    refused = s.sendmail(USER, ["alice@example.test", "dan@remote.example"], msg,
                         rcpt_options=["NOTIFY=FAILURE"])
    assert refused == {}
    s.quit()
    [local] = stored(server)
    assert b"with ESMTPSA\r\n\t(TLSv1." in local
    assert b"; authenticated user alice@example.test)" in local
    assert body_of(local) == msg
    [(sender, rcpts, queued)] = outbound(server)
    assert sender == USER and rcpts == ["dan@remote.example"]
    assert queued.startswith(b"Received: ") and queued.endswith(msg) and b"Return-Path" not in queued


def test_sender_must_be_owned(server):
    s = submission(server)
    assert s.mail("bob@example.test")[0] == 553  # envelope: not hers
    s.rset()
    with pytest.raises(smtplib.SMTPDataError) as refused:
        s.sendmail(USER, ["alice@example.test"], b"From: boss@example.test\r\nSubject: x\r\n\r\nhi\r\n")
    assert refused.value.smtp_code == 550 and refused.value.smtp_error.startswith(b"5.7.1")
    server.run("alias", "add", "sales@example.test", USER)
    assert s.sendmail("sales@example.test", ["alice@example.test"],
                      b"From: Sales <sales@example.test>\r\n\r\nhi\r\n") == {}
    s.quit()
    assert len(stored(server)) == 1


def test_size_is_enforced_on_mail_and_data(server):
    s = mx(server)
    assert s.mail("bob@remote.example", ["SIZE=%d" % (60 * 1024 * 1024)])[0] == 552  # RFC 1870 6.1
    s.quit()


def test_pipelined_transactions(server):
    with Raw(server.ports["smtp"]) as r:
        assert r.reply()[0] == 220
        r.send(b"EHLO client.remote.example\r\nMAIL FROM:<bob@remote.example>\r\nRCPT TO:<alice@example.test>\r\n"
               b"RCPT TO:<nobody@example.test>\r\nDATA\r\n")
        assert r.reply()[0] == 250
        assert [r.reply()[0] for _ in range(4)] == [250, 250, 550, 354]
        r.send(b"Subject: one\r\n\r\nfirst\r\n.\r\nMAIL FROM:<bob@remote.example>\r\nRCPT TO:<alice@example.test>\r\n"
               b"DATA\r\n")
        assert [r.reply()[0] for _ in range(4)] == [250, 250, 250, 354]
        r.send(b"Subject: two\r\n\r\nsecond\r\n.\r\nQUIT\r\n")
        assert [r.reply()[0] for _ in range(2)] == [250, 221]
    assert [body_of(m) for m in stored(server)] == [b"Subject: one\r\n\r\nfirst\r\n", b"Subject: two\r\n\r\nsecond\r\n"]


def test_bdat_chunks_are_stored_byte_exact(server):
    part1 = b"Subject: chunks\r\n\r\nbinary \x00\xff\r\n.\r\n"
    part2 = b"lone LF\nend\r\n"
    with Raw(server.ports["smtp"]) as r:
        r.reply()
        assert r.command("EHLO client.remote.example")[0] == 250
        r.send(b"MAIL FROM:<bob@remote.example> BODY=BINARYMIME\r\nRCPT TO:<alice@example.test>\r\n")
        assert [r.reply()[0] for _ in range(2)] == [250, 250]
        r.send(b"BDAT %d\r\n" % len(part1) + part1 + b"BDAT %d LAST\r\n" % len(part2) + part2)
        assert r.reply() == (250, f"2.0.0 {len(part1)} octets received")
        assert r.reply()[0] == 250
        assert r.command("NOOP")[0] == 250  # the chunks were not read as commands
    assert body_of(stored(server)[0]) == part1 + part2


def test_data_after_binarymime_and_bare_lf_commands_are_refused(server):
    with Raw(server.ports["smtp"]) as r:
        r.reply()
        r.command("EHLO client.remote.example")
        r.command("MAIL FROM:<bob@remote.example> BODY=BINARYMIME")
        r.command("RCPT TO:<alice@example.test>")
        assert r.command("DATA") == (503, "5.5.1 BODY=BINARYMIME needs BDAT")  # RFC 3030 3
        r.send(b"NOOP\n")
        assert r.reply()[0] == 500  # RFC 5321 2.3.8


def test_eight_bit_and_smtputf8_messages_keep_their_bytes(server):
    s = mx(server)
    eight = "Subject: Grüße\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nÄpfel und Öl\r\n".encode()
    s.sendmail("bob@remote.example", ["alice@example.test"], eight, mail_options=["BODY=8BITMIME"])
    utf8 = "From: jörg@bücher.example\r\nSubject: ü\r\n\r\n日本語\r\n".encode()
    s.sendmail("jörg@bücher.example", ["alice@example.test"], utf8, mail_options=["SMTPUTF8", "BODY=8BITMIME"])
    s.quit()
    first, second = stored(server)
    assert body_of(first) == eight
    assert body_of(second) == utf8
    assert second.startswith("Return-Path: <jörg@bücher.example>".encode())
    assert b" with UTF8SMTP id " in second  # RFC 6531 3.7.3


def test_alias_and_catch_all(server):
    server.run("alias", "add", "team@example.test", USER)
    server.run("alias", "add", "@example.test", USER)
    s = mx(server)
    s.sendmail("bob@remote.example", ["team@example.test"], MESSAGE)
    s.sendmail("bob@remote.example", ["whoever@example.test"], MESSAGE)
    # Two recipients that reach the same account: stored once.
    s.sendmail("bob@remote.example", ["team@example.test", "alice@example.test"], MESSAGE)
    s.quit()
    assert len(stored(server)) == 3


@pytest.mark.parametrize("trick", [b"\n.\n", b"\r.\r\n", b"\n.\r\n", b"\r\n.\n", b"\r\n.\r"])
def test_smtp_smuggling_does_not_split_messages(server, trick):
    smuggled = b"MAIL FROM:<ceo@example.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n"
    with Raw(server.ports["smtp"]) as r:
        r.reply()
        r.command("EHLO client.remote.example")
        r.command("MAIL FROM:<bob@remote.example>")
        r.command("RCPT TO:<alice@example.test>")
        assert r.command("DATA")[0] == 354
        r.send(b"Subject: carrier\r\n\r\nbody" + trick + smuggled + b".\r\n")
        code, text = r.reply()
        assert (code, text[:5]) == (550, "5.6.0"), text
        assert r.command("NOOP")[0] == 250  # exactly one reply: nothing was read as commands
    assert stored(server) == []


def test_too_many_errors_close_the_session(server):
    with Raw(server.ports["smtp"]) as r:
        r.reply()
        codes = [r.command("BOGUS")[0] for _ in range(9)]
        assert codes == [500] * 9
        r.send(b"BOGUS\r\n")
        assert r.reply()[0] == 500
        assert r.reply() == (421, "4.7.0 mail.example.test too many errors, closing connection")


def test_starttls_discards_pipelined_plaintext(server):
    with Raw(server.ports["smtp"]) as r:
        r.reply()
        r.command("EHLO client.remote.example")
        r.send(b"STARTTLS\r\nMAIL FROM:<injected@remote.example>\r\n")
        assert r.reply()[0] == 220
        r.sock = client_context().wrap_socket(r.sock, server_hostname="mail.example.test")
        # RFC 3207 4.2: state is reset; the injected MAIL was dropped, so RCPT has no transaction.
        assert r.command("RCPT TO:<alice@example.test>")[0] == 503
        assert r.command("EHLO client.remote.example")[0] == 250
        assert r.command("MAIL FROM:<bob@remote.example>")[0] == 250
