"""The outbound queue end to end (issue 6): mail submitted by alice@example.test
for other domains leaves through the queue, which finds their mail exchangers
through a DNS server of the test's own (dnsmasq on a loopback port) and
delivers over SMTP to a second Kurir on loopback, the remote MX."""

import os
import shutil
import smtplib
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from kurir import PASSWORD, USER
from queue_support import REMOTE_PASSWORD, BrokenTlsMx, Dns, dispose, inbox_messages, remote_kurir, set_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "lib"))
from postfix import maildir_count, start_postfix, stop_postfix  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("dnsmasq") is None and not __import__("os").path.exists(
    "/usr/sbin/dnsmasq"), reason="dnsmasq is not installed (scripts/install-deps)")

BOB = "bob@remote.example"
CAROL = "carol@secure.example"  # a domain whose mail goes only over TLS


# Remote domains under "example", not "test": libunbound answers NXDOMAIN for
# the special-use "test." itself (a default local zone), whatever the forwarder says.
@pytest.fixture
def dns():
    d = Dns([
        # Every name under example is answered here (NXDOMAIN or no data), never refused.
        "--local=/example/",
        "--mx-host=remote.example,mx.remote.example,10",
        "--host-record=mx.remote.example,127.0.0.1",
        "--host-record=smarthost.remote.example,127.0.0.1",
        # A second domain on the same exchanger, for the per-domain TLS rule.
        "--mx-host=secure.example,mx.remote.example,10",
        # No MX: the domain's own address is its mail exchanger (RFC 5321 5.1).
        "--host-record=nomx.example,127.0.0.1",
        # Null MX (RFC 7505): preference 0 and the root name, as raw RDATA.
        "--dns-rr=nullmx.example,15,000000",
    ])
    yield d
    d.stop()


@pytest.fixture
def remote():
    """The remote MX: a Kurir for remote.example (user bob), ports chosen, not yet started."""
    r = remote_kurir("remote.example", BOB)
    yield r
    assert r.stop() == 0, r.output()
    dispose(r)


@pytest.fixture
def sender(kurir, dns, remote):
    """The sending Kurir: MX lookups at the test's DNS, remote MXs on the remote's SMTP port."""
    kurir.use_free_loopback_ports()
    set_config(kurir, "queue", {"resolver": f"127.0.0.1@{dns.port}", "port": remote.ports["smtp"],
                                "retry_first": 1, "retry_max": 2, "poll_ms": 100})
    yield kurir
    assert kurir.stop() == 0, kurir.output()


def submit(server, to: str, subject: str) -> None:
    message = EmailMessage()
    message["From"] = USER
    message["To"] = to
    message["Subject"] = subject
    message.set_content(f"{subject}\n")
    with smtplib.SMTP("127.0.0.1", server.ports["submission"], timeout=10) as smtp:
        smtp.login(USER, PASSWORD)
        smtp.send_message(message)


def queue_entries(server) -> list:
    return server.json("queue", "list")


def wait_for_empty_queue(server, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while queue_entries(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert queue_entries(server) == [], server.output()


def dsn_parts(message: bytes) -> bytes:
    assert b"multipart/report" in message and b"report-type=delivery-status" in message, message
    return message


def test_mail_for_a_remote_domain_reaches_its_mx(sender, remote):
    remote.start()
    sender.start()
    submit(sender, BOB, "over the wire")
    [received] = inbox_messages(remote, BOB, REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: over the wire" in received
    assert b"Return-Path: <alice@example.test>" in received
    wait_for_empty_queue(sender)


def test_without_mx_the_domain_address_is_used(sender, remote):
    remote.run("domain", "add", "nomx.example")
    remote.run("user", "add", "carol@nomx.example", "--password-stdin", input=REMOTE_PASSWORD + "\n")
    remote.start()
    sender.start()
    submit(sender, "carol@nomx.example", "by address record")
    [received] = inbox_messages(remote, "carol@nomx.example", REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: by address record" in received


def test_remote_down_then_up_delivers_on_a_retry(sender, remote):
    sender.start()
    submit(sender, BOB, "patience")
    # The remote refuses connections: the message stays queued with the attempt recorded.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        [entry] = queue_entries(sender)
        [recipient] = entry["recipients"]
        if recipient["attempts"]:
            break
        time.sleep(0.1)
    assert recipient["attempts"] and recipient["status"] == "queued", entry
    assert recipient["last"]["code"] == 0 and "127.0.0.1" in recipient["last"]["reply"], entry
    remote.start()
    [received] = inbox_messages(remote, BOB, REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: patience" in received
    wait_for_empty_queue(sender)


def recipient_attempts(server, address: str) -> int:
    return sum(r["attempts"] for e in queue_entries(server) for r in e["recipients"] if r["address"] == address)


def test_remote_down_past_delay_warning_warns_the_sender_once(sender, remote):
    # RFC 3464 2.3.3 "delayed": one warning per message once it has waited
    # [queue] delay_warning; RFC 3461 4.1: not for a recipient whose NOTIFY
    # leaves out DELAY. The remote stays down (connection refused).
    set_config(sender, "queue", {"delay_warning": 1, "retry_max": 1})
    sender.start()
    submit(sender, BOB, "slow going")
    quiet = "dan@remote.example"
    with smtplib.SMTP("127.0.0.1", sender.ports["submission"], timeout=10) as smtp:
        smtp.login(USER, PASSWORD)
        smtp.sendmail(USER, [quiet], f"From: {USER}\r\nTo: {quiet}\r\nSubject: only failures\r\n\r\nhi\r\n",
                      rcpt_options=["NOTIFY=FAILURE"])
    [warning] = inbox_messages(sender, USER, PASSWORD, 1, timeout=10)
    dsn_parts(warning)
    assert b"Subject: Delayed Mail (still being retried)" in warning, warning
    assert b"has not been delivered yet" in warning and b"retried until " in warning, warning
    assert b"Final-Recipient: rfc822; bob@remote.example\r\nAction: delayed\r\nStatus: 4.4.1\r\n" in warning, warning
    assert b"Diagnostic-Code: x-local; 4.4.1 connecting to [127.0.0.1]" in warning, warning
    assert b"Will-Retry-Until: " in warning, warning
    assert quiet.encode() not in warning and b"only failures" not in warning, warning
    # Both stay queued and are tried again (every second), with no further warning.
    attempts = {a: recipient_attempts(sender, a) for a in (BOB, quiet)}
    deadline = time.monotonic() + 10
    while any(recipient_attempts(sender, a) < attempts[a] + 2 for a in attempts):
        assert time.monotonic() < deadline, (attempts, queue_entries(sender), sender.output()[-4000:])
        time.sleep(0.2)
    assert inbox_messages(sender, USER, PASSWORD, 1, timeout=0) == [warning]
    assert sorted(r["address"] for e in queue_entries(sender) for r in e["recipients"]) == [BOB, quiet]


def test_unknown_remote_user_bounces_to_the_senders_inbox(sender, remote):
    remote.start()
    sender.start()
    submit(sender, "nobody@remote.example", "to no one")
    # 550 5.1.1 from the remote is permanent: one DSN, no retry.
    [dsn] = inbox_messages(sender, USER, PASSWORD, 1)
    dsn_parts(dsn)
    assert b"nobody@remote.example" in dsn and b"5.1.1" in dsn
    wait_for_empty_queue(sender)
    assert inbox_messages(remote, BOB, REMOTE_PASSWORD, 0) == []


def test_null_mx_bounces_at_once(sender, remote):
    remote.start()
    sender.start()
    submit(sender, "someone@nullmx.example", "nowhere")
    [dsn] = inbox_messages(sender, USER, PASSWORD, 1)
    dsn_parts(dsn)
    assert b"someone@nullmx.example" in dsn
    wait_for_empty_queue(sender)


def wait_for_attempt(server, address: str, timeout: float = 10) -> tuple[dict, dict]:
    """The queued message holding ADDRESS, and that recipient, once it has an attempt."""
    deadline = time.monotonic() + timeout
    while True:
        for entry in queue_entries(server):
            for recipient in entry["recipients"]:
                if recipient["address"] == address and (recipient["attempts"] or time.monotonic() > deadline):
                    return server.json("queue", "show", str(entry["id"])), recipient
        assert time.monotonic() < deadline, f"{address} is not queued: {queue_entries(server)}"
        time.sleep(0.1)


def secure_domain_on_remote(remote, starttls: bool) -> None:
    """secure.example (carol) on the remote too, which offers STARTTLS on port 25 or not."""
    remote.run("domain", "add", "secure.example")
    remote.run("user", "add", CAROL, "--password-stdin", input=REMOTE_PASSWORD + "\n")
    if not starttls:
        set_config(remote, "listeners.smtp", {"tls": "none"})


def test_require_tls_domain_waits_while_another_domain_is_delivered(sender, remote):
    secure_domain_on_remote(remote, starttls=False)
    set_config(sender, "queue", {"require_tls_domains": ["secure.example"]})
    remote.start()
    sender.start()
    submit(sender, f"{BOB}, {CAROL}", "tls or nothing")
    # remote.example stays opportunistic: delivered without TLS.
    [received] = inbox_messages(remote, BOB, REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: tls or nothing" in received and b"with ESMTPS" not in received
    # secure.example's mail waits, with the reason in the queue.
    shown, carol = wait_for_attempt(sender, CAROL)
    [carol] = [r for r in shown["recipients"] if r["address"] == CAROL]
    [bob] = [r for r in shown["recipients"] if r["address"] == BOB]
    assert bob["status"] == "delivered", shown
    assert carol["status"] == "queued", shown
    reply = carol["last"]["reply"]
    # Code 0: Kurir's own refusal, not a reply the remote sent.
    assert carol["last"]["code"] == 0 and carol["last"]["host"] == "mx.remote.example", shown
    assert reply.startswith("4.7.10 TLS is required for mail to secure.example (queue.require_tls_domains)"), reply
    assert "mx.remote.example does not offer STARTTLS" in reply, reply
    assert inbox_messages(remote, CAROL, REMOTE_PASSWORD, 0) == []
    assert inbox_messages(sender, USER, PASSWORD, 0) == []  # no bounce yet


def test_require_tls_domain_is_delivered_over_starttls(sender, remote):
    secure_domain_on_remote(remote, starttls=True)
    set_config(sender, "queue", {"require_tls_domains": ["secure.example"]})
    remote.start()
    sender.start()
    submit(sender, CAROL, "sealed")
    [received] = inbox_messages(remote, CAROL, REMOTE_PASSWORD, 1, peer=sender)
    # RFC 3848: the remote's Received header says the message came over TLS.
    assert b"Subject: sealed" in received and b"with ESMTPS" in received, received
    wait_for_empty_queue(sender)


def test_require_tls_domain_bounces_at_the_end_of_its_lifetime(sender, remote):
    secure_domain_on_remote(remote, starttls=False)
    set_config(sender, "queue", {"require_tls_domains": ["secure.example"], "lifetime": 2})
    remote.start()
    sender.start()
    submit(sender, CAROL, "never in clear")
    [dsn] = inbox_messages(sender, USER, PASSWORD, 1)
    dsn_parts(dsn)
    assert CAROL.encode() in dsn and b"4.7.10 TLS is required" in dsn, dsn
    # RFC 3464 2.3.6: the refusal was Kurir's, so no "smtp;" diagnostic claims the remote said it.
    assert b"Diagnostic-Code: smtp;" not in dsn and b"Diagnostic-Code: x-local; 4.4.7 " in dsn, dsn
    assert b"Status: 4.4.7\r\n" in dsn, dsn
    wait_for_empty_queue(sender)
    assert inbox_messages(remote, CAROL, REMOTE_PASSWORD, 0) == []


def test_through_a_smarthost_without_tls_require_tls_domains_wait(sender, remote):
    # The remote's port 25 as a smarthost without TLS and without login: both
    # domains are its own, so it takes both recipients.
    secure_domain_on_remote(remote, starttls=False)
    remote.start()
    set_config(sender, "queue", {"require_tls_domains": ["secure.example"], "smarthost_tls": "none",
                                 "smarthost": f"smarthost.remote.example:{remote.ports['smtp']}"})
    sender.start()
    submit(sender, f"{BOB}, {CAROL}", "one hop for all")
    [received] = inbox_messages(remote, BOB, REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: one hop for all" in received
    shown, carol = wait_for_attempt(sender, CAROL)
    [carol] = [r for r in shown["recipients"] if r["address"] == CAROL]
    assert carol["status"] == "queued", shown
    assert carol["last"]["reply"] == ("4.7.10 TLS is required for mail to secure.example "
                                      "(queue.require_tls_domains), and smarthost.remote.example gave none"), shown
    assert inbox_messages(remote, CAROL, REMOTE_PASSWORD, 0) == []


def wait_for(condition, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def test_broken_starttls_falls_back_to_plaintext_unless_tls_is_required(kurir, dns):
    # RFC 7435: an MX whose TLS handshake fails still gets remote.example's
    # mail, over a new connection without STARTTLS; secure.example, whose
    # mail goes only over TLS, never falls back.
    mx = BrokenTlsMx()
    try:
        kurir.use_free_loopback_ports()
        set_config(kurir, "queue", {"resolver": f"127.0.0.1@{dns.port}", "port": mx.port, "retry_first": 1,
                                    "retry_max": 2, "poll_ms": 100, "require_tls_domains": ["secure.example"]})
        kurir.start()

        def delivered():
            return [m for s in mx.snapshot() for m in s["messages"]]

        submit(kurir, BOB, "in clear if need be")
        assert wait_for(delivered), (mx.snapshot(), kurir.output())
        [(sender, recipients, data)] = delivered()
        assert sender == "<alice@example.test>" and recipients == [f"<{BOB}>"], (sender, recipients)
        assert b"Subject: in clear if need be" in data, data
        # The handshake failed on the first connection; the second went without STARTTLS.
        assert [(s["starttls"], len(s["messages"])) for s in mx.snapshot()] == [(True, 0), (False, 1)], mx.snapshot()
        assert "trying again without STARTTLS" in kurir.output(), kurir.output()
        wait_for_empty_queue(kurir)

        # For that attempt only: the next message tries STARTTLS first again.
        submit(kurir, BOB, "and again")
        assert wait_for(lambda: len(delivered()) == 2), (mx.snapshot(), kurir.output())
        assert [(s["starttls"], len(s["messages"])) for s in mx.snapshot()[2:]] == [(True, 0), (False, 1)], \
            mx.snapshot()
        wait_for_empty_queue(kurir)

        # secure.example stays queued, the handshake's failure its reason, and is tried again with STARTTLS only.
        submit(kurir, CAROL, "tls or nothing")
        shown, carol = wait_for_attempt(kurir, CAROL)
        assert carol["status"] == "queued" and carol["last"]["reply"].startswith("4.4.2 "), shown
        assert wait_for(lambda: len(mx.snapshot()) >= 6), mx.snapshot()  # one retry at least
        assert all(s["starttls"] and not s["messages"] for s in mx.snapshot()[4:]), mx.snapshot()
        [entry] = queue_entries(kurir)
        assert [r["status"] for r in entry["recipients"]] == ["queued"], entry
        assert kurir.stop() == 0, kurir.output()
    finally:
        mx.stop()


def smarthost(remote, sender, **tls) -> None:
    """The remote as the sender's smarthost (its submission port, by name), knowing
    alice (same address, its own password) so that it relays for her; bob is local to it."""
    remote.run("domain", "add", "example.test")
    remote.run("user", "add", USER, "--password-stdin", input="smarthost secret\n")
    remote.start()
    set_config(sender, "queue", {"smarthost": f"smarthost.remote.example:{remote.ports['submission']}",
                                 "smarthost_user": USER, "smarthost_password": "smarthost secret", **tls})
    sender.start()


def test_smarthost_with_auth_relays_everything(sender, remote):
    # Its self-signed certificate is the one the sender trusts, and names the host.
    smarthost(remote, sender, smarthost_ca=str(remote.data / "tls" / "cert.pem"))
    submit(sender, BOB, "via the smarthost")
    [received] = inbox_messages(remote, BOB, REMOTE_PASSWORD, 1, peer=sender)
    assert b"Subject: via the smarthost" in received
    # Over submission, the smarthost's Received header names the login.
    assert b"alice@example.test" in received.split(b"Subject:")[0]
    wait_for_empty_queue(sender)


def test_smarthost_with_an_untrusted_certificate_gets_no_login(sender, remote):
    smarthost(remote, sender)  # the system's CAs: a self-signed certificate fails
    submit(sender, BOB, "held back")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        [entry] = queue_entries(sender)
        [recipient] = entry["recipients"]
        if recipient["attempts"]:
            break
        time.sleep(0.1)
    assert recipient["status"] == "queued" and "certificate verify failed" in recipient["last"]["reply"], entry
    assert "auth" not in remote.output().lower(), remote.output()
    assert inbox_messages(remote, BOB, REMOTE_PASSWORD, 0) == []


def test_restart_mid_queue_delivers_once(sender, remote):
    sender.start()
    for i in range(5):
        submit(sender, BOB, f"kept {i}")
    assert len(queue_entries(sender)) == 5
    assert sender.stop() == 0, sender.output()
    remote.start()
    sender.start()
    received = inbox_messages(remote, BOB, REMOTE_PASSWORD, 5, peer=sender)
    assert sorted(m.split(b"Subject: ")[1].split(b"\n")[0].strip() for m in received) == \
        [f"kept {i}".encode() for i in range(5)]
    wait_for_empty_queue(sender)
    time.sleep(1)
    inbox_messages(remote, BOB, REMOTE_PASSWORD, 5, timeout=0)


def test_postfix_as_the_remote_mx(kurir, dns):
    # Debian's Postfix, on a loopback port of its own, is remote.example's MX.
    work = Path(tempfile.mkdtemp(prefix="kurir-e2e-postfix-"))
    os.chmod(work, 0o755)
    etc, port, maildir = start_postfix(work, "carol@remote.example", "mx.remote.example")
    try:
        kurir.use_free_loopback_ports()
        set_config(kurir, "queue", {"resolver": f"127.0.0.1@{dns.port}", "port": port, "poll_ms": 100})
        kurir.start()
        submit(kurir, "carol@remote.example", "to postfix")
        deadline = time.monotonic() + 20
        while maildir_count(maildir) < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        [delivered] = list((maildir / "new").iterdir())
        text = delivered.read_bytes()
        assert b"Subject: to postfix" in text and b"Return-Path: <alice@example.test>" in text, text
        wait_for_empty_queue(kurir)
        assert kurir.stop() == 0, kurir.output()
    finally:
        stop_postfix(etc)
        shutil.rmtree(work, ignore_errors=True)
