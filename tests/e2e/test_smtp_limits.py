"""SMTP limits that need a configured server: message size during DATA and
BDAT, recipients per message (issue 3 "Bad input and abuse")."""

import re
import smtplib

import pytest

from kurir import Kurir, new_data_dir, remove_data_dir
from smtp_support import Raw, stored


@pytest.fixture
def small_server():
    k = Kurir(new_data_dir())
    k.init()
    k.use_free_loopback_ports()
    config = (k.data / "kurir.toml").read_text()
    config, n = re.subn(r"message_size = \d+", "message_size = 2048", config)
    assert n == 1
    config, n = re.subn(r"recipients_per_message = \d+", "recipients_per_message = 2", config)
    assert n == 1
    (k.data / "kurir.toml").write_text(config)
    k.start()
    yield k
    assert k.stop() == 0, k.output()
    remove_data_dir(k.data)


def test_declared_size_is_refused_at_mail(small_server):
    s = smtplib.SMTP("127.0.0.1", small_server.ports["smtp"], timeout=10)
    s.ehlo("client.remote.example")
    assert s.esmtp_features["size"] == "2048"
    with pytest.raises(smtplib.SMTPSenderRefused) as refused:  # smtplib sends SIZE= (RFC 1870 6.1)
        s.sendmail("bob@remote.example", ["alice@example.test"], b"Subject: big\r\n\r\n" + b"x" * 3000)
    assert refused.value.smtp_code == 552
    s.quit()


def test_data_past_the_size_is_read_to_the_end_then_refused(small_server):
    with Raw(small_server.ports["smtp"]) as r:
        r.reply()
        r.command("EHLO client.remote.example")
        r.command("MAIL FROM:<bob@remote.example>")
        r.command("RCPT TO:<alice@example.test>")
        assert r.command("DATA")[0] == 354
        r.send(b"Subject: big\r\n\r\n" + (b"x" * 70 + b"\r\n") * 100 + b".\r\n")
        assert r.reply()[:1] == (552,)  # RFC 1870 6.3, after the whole message was read
        assert r.command("NOOP")[0] == 250  # still in step
    assert stored(small_server) == []


def test_bdat_past_the_size_is_refused(small_server):
    with Raw(small_server.ports["smtp"]) as r:
        r.reply()
        r.command("EHLO client.remote.example")
        r.command("MAIL FROM:<bob@remote.example>")
        r.command("RCPT TO:<alice@example.test>")
        r.send(b"BDAT 1500\r\n" + b"a" * 1500)
        assert r.reply()[0] == 250
        r.send(b"BDAT 1500 LAST\r\n" + b"b" * 1500)
        assert r.reply()[0] == 552
        assert r.command("NOOP")[0] == 250
    assert stored(small_server) == []


def test_recipients_per_message(small_server):
    s = smtplib.SMTP("127.0.0.1", small_server.ports["smtp"], timeout=10)
    s.ehlo("client.remote.example")
    s.mail("bob@remote.example")
    assert s.rcpt("alice@example.test")[0] == 250
    assert s.rcpt("alice+a@example.test")[0] == 250
    assert s.rcpt("alice+b@example.test") == (452, b"4.5.3 too many recipients")  # RFC 5321 4.5.3.1.10
    s.quit()
