"""kurir init and the data directory: issue 2 "Configuration and data dir"."""

import os
import ssl
import stat

from kurir import DOMAIN, USER


def test_init_creates_config_database_and_certificate(kurir):
    assert (kurir.data / "kurir.toml").is_file()
    assert (kurir.data / "kurir.db").is_file()
    key = kurir.data / "tls" / "key.pem"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    # The certificate is for the host name given, and usable by a TLS server.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(kurir.data / "tls" / "cert.pem", key)
    cert = ssl._ssl._test_decode_cert(str(kurir.data / "tls" / "cert.pem"))
    assert ("DNS", "mail.example.test") in cert["subjectAltName"]
    assert kurir.json("domain", "list") == [{"domain": DOMAIN}]
    assert [a["address"] for a in kurir.json("user", "list")] == [USER]


def test_config_lists_every_setting_with_its_default(kurir):
    text = (kurir.data / "kurir.toml").read_text()
    for line in ['hostname = "mail.example.test"', 'database = "kurir.db"', 'plaintext = "loopback"',
                 "message_size = 52428800", "[listeners.smtp]", "port = 2525", "[listeners.imaps]", "port = 2993",
                 "[listeners.pop3s]", "port = 2995", "[listeners.https]", "port = 8443"]:
        assert line in text
    # Every setting carries a comment.
    assert text.count("\n# ") >= 8


def test_standard_ports(empty_data):
    empty_data.run("init", "--ports", "standard", "--hostname", "h.example.test")
    text = (empty_data.data / "kurir.toml").read_text()
    for port in (25, 587, 465, 143, 993, 110, 995, 80, 443):
        assert f"port = {port}\n" in text


def test_init_refuses_an_existing_data_dir(kurir):
    result = kurir.run("init", check=False)
    assert result.returncode == 1
    assert "exists" in result.stderr


def test_bad_config_names_file_line_and_key_with_status_2(kurir):
    path = kurir.data / "kurir.toml"
    lines = path.read_text().splitlines()
    at = next(i for i, l in enumerate(lines) if l.startswith("message_size"))
    lines[at] = 'message_size = "big"'
    path.write_text("\n".join(lines) + "\n")
    result = kurir.run("user", "list", check=False)
    assert result.returncode == 2
    assert f"{path}:{at + 1}: limits.message_size: expected a whole number" in result.stderr


def test_missing_data_dir_says_how_to_create_one(empty_data):
    result = empty_data.run("domain", "list", check=False)
    assert result.returncode == 2
    assert "kurir init --data" in result.stderr


def test_data_dir_from_environment(kurir):
    import subprocess
    from kurir import KURIR_BIN
    env = dict(os.environ, KURIR_DATA=str(kurir.data))
    out = subprocess.run([KURIR_BIN, "domain", "list"], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == DOMAIN
