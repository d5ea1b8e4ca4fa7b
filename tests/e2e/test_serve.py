"""kurir serve: listeners, TLS, bind errors, clean stop (issue 2 "Ports")."""

import resource
import socket
import ssl

import pytest

from kurir import LISTENERS

IMPLICIT_TLS = {"submissions", "imaps", "pop3s", "https"}


def client_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # self-signed
    return ctx


def test_every_listener_accepts_and_implicit_tls_handshakes(server):
    assert "Kurir is running for mail.example.test" in server.output()
    for name in LISTENERS:
        with socket.create_connection(("127.0.0.1", server.ports[name]), timeout=5) as raw:
            if name in IMPLICIT_TLS:
                with client_context().wrap_socket(raw, server_hostname="mail.example.test") as tls:
                    assert tls.version() in ("TLSv1.2", "TLSv1.3")
                    cert = tls.getpeercert(binary_form=True)
                    assert cert
                    assert tls.recv(200)  # the protocol speaks first
            else:
                assert raw.recv(200)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_old_tls_versions_are_refused(server):
    ctx = client_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    try:
        ctx.set_ciphers("ALL:@SECLEVEL=0")
    except ssl.SSLError:
        pass
    with socket.create_connection(("127.0.0.1", server.ports["imaps"]), timeout=5) as raw:
        try:
            with ctx.wrap_socket(raw, server_hostname="mail.example.test"):
                raise AssertionError("a TLS 1.1 handshake succeeded")
        except ssl.SSLError as e:
            # The server's refusal, not the client's own policy.
            assert "PROTOCOL_VERSION" in str(e) or "UNSUPPORTED_PROTOCOL" in str(e).upper(), e
        except ConnectionResetError:
            pass


def test_port_in_use_is_named_with_the_reason(kurir):
    kurir.use_free_loopback_ports()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", kurir.ports["imap"]))
        squatter.listen()
        result = kurir.run("serve", check=False)
    assert result.returncode == 1
    assert f"imap (IMAP): cannot listen on 127.0.0.1:{kurir.ports['imap']}" in result.stderr
    assert "in use" in result.stderr


def test_listener_turned_off_is_not_bound(kurir):
    kurir.use_free_loopback_ports()
    path = kurir.data / "kurir.toml"
    path.write_text(path.read_text().replace("[listeners.pop3]  # POP3\nenabled = true",
                                             "[listeners.pop3]  # POP3\nenabled = false"))
    pop3 = kurir.ports.pop("pop3")
    kurir.start()
    try:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", pop3)) != 0
    finally:
        assert kurir.stop() == 0


def test_sigterm_stops_with_open_connections(server):
    idle = socket.create_connection(("127.0.0.1", server.ports["imap"]), timeout=5)
    try:
        assert server.stop() == 0
    finally:
        idle.close()


def test_serve_raises_a_low_open_files_limit(kurir):
    # Started with a soft limit of 128 descriptors (a shell's is often 1024),
    # it would stop accepting near 120 clients; it takes the hard limit.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert hard >= 1024, "the test needs a hard limit of at least 1024 open files"
    kurir.use_free_loopback_ports()
    path = kurir.data / "kurir.toml"
    path.write_text(path.read_text().replace("connections_per_ip = ", "connections_per_ip = 1000 #", 1))
    kurir.start(preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (128, hard)))
    clients = []
    try:
        for _ in range(300):
            clients.append(socket.create_connection(("127.0.0.1", kurir.ports["imap"]), timeout=10))
        for client in clients:
            assert client.recv(100).startswith(b"* OK")
        assert "open files limit raised from 128" in kurir.output()
    finally:
        for client in clients:
            client.close()
        assert kurir.stop() == 0
