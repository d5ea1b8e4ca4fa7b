"""What the side-by-side benchmarks share: a Kurir and a Dovecot, each in a
temp dir of its own on free loopback ports, holding the same messages for the
same users, and the bits of process handling around them.

Dovecot runs from a config in the temp dir (`dovecot -F -c FILE`, its own
base_dir, state and log) on free ports, so it neither needs nor disturbs a
system dovecot. It needs root (privilege separation, chown of the Maildirs)."""

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password"  # no spaces: Dovecot's static passdb args split on them
LISTENERS = ["smtp", "submission", "submissions", "imap", "imaps", "pop3", "pop3s", "http", "https"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 30, address: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((address, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port} after {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def make_messages(n: int, seed: int = 1939) -> list[bytes]:
    """n text messages of 1-8 KiB with CRLF line ends, 1% of lines starting with a dot."""
    rng = random.Random(seed)
    words = ("mail server courier download offline message inbox line text body the a of to and "
             "quick brown fox jumps over lazy dog lorem ipsum dolor sit amet").split()
    out = []
    for i in range(n):
        lines = []
        for _ in range(rng.randint(20, 120)):
            line = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
            lines.append(("." + line) if rng.random() < 0.01 else line)
        body = "\r\n".join(lines) + "\r\n"
        out.append((f"From: sender{i % 97}@example.org\r\nTo: user@example.test\r\nSubject: message {i}\r\n"
                    f"Message-ID: <bench-{i}@example.org>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\n"
                    + body).encode())
    return out


def start_kurir(binary: str, work: Path, messages: list[bytes], users: list[str],
                settings: dict[str, str] | None = None,
                commands: list[list[str]] | None = None) -> tuple[subprocess.Popen, dict[str, int]]:
    """`kurir init` + `user add` + `import` of the messages into each user's
    INBOX, every listener on its own free loopback port, then `kurir serve`.
    settings replaces the values of kurir.toml keys, e.g.
    {"connections_per_ip": "100000"}, or of keys in one section, e.g.
    {"queue.port": "2525"}. commands are CLI commands run before serve, e.g.
    ["alias", "add", SOURCE, TARGET]. Returns the process and the port of
    each listener by name."""
    data = work / "kurir"
    subprocess.run([binary, "--data", str(data), "init", "--ports", "high", "--hostname", "bench.example.test",
                    "--user", users[0], "--password-stdin"], input=PASSWORD + "\n", text=True, check=True,
                   capture_output=True)
    for u in users[1:]:
        subprocess.run([binary, "--data", str(data), "user", "add", u, "--password-stdin"], input=PASSWORD + "\n",
                       text=True, check=True, capture_output=True)
    if messages:
        mbox = work / "in.mbox"
        with open(mbox, "wb") as f:
            for m in messages:
                f.write(b"From sender@example.org Mon Jan  1 00:00:00 2024\n" + m.replace(b"\r\n", b"\n") + b"\n")
        os.chmod(mbox, 0o644)
        for u in users:
            subprocess.run([binary, "--data", str(data), "import", "--user", u, "mbox", str(mbox)], check=True,
                           capture_output=True)
    for command in commands or []:
        subprocess.run([binary, "--data", str(data), *command], check=True, capture_output=True)
    config = (data / "kurir.toml").read_text()
    ports = {}
    for name in LISTENERS:
        ports[name] = free_port()
        config = re.sub(rf"(\[listeners\.{name}\][^\[]*?)address = \"\*\"\nport = \d+",
                        rf'\1address = "127.0.0.1"\nport = {ports[name]}', config, flags=re.S)
    for path, value in (settings or {}).items():
        section, _, key = path.rpartition(".")
        if section:  # only inside [section], up to the next one
            pattern = rf"(^\[{re.escape(section)}\]\n(?:(?!\[).*\n)*?){key} = .*$"
            config, n = re.subn(pattern, rf"\g<1>{key} = {value}", config, flags=re.M)
        else:
            config, n = re.subn(rf"^{key} = .*$", f"{key} = {value}", config, flags=re.M)
        assert n == 1, path
    (data / "kurir.toml").write_text(config)
    proc = subprocess.Popen([binary, "--data", str(data), "serve"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for name in ("pop3", "imap"):
        wait_for(ports[name])
    return proc, ports


def start_dovecot(work: Path, messages: list[bytes], users: list[str], protocols: list[str],
                  extra_config: str = "") -> tuple[subprocess.Popen, dict[str, int]]:
    """Dovecot serving the given protocols ("pop3", "imap") without TLS, each
    user's Maildir holding the messages (seen). Returns the process and the
    port of each protocol."""
    base = work / "dovecot"
    maildirs = base / "mail"
    first = maildirs / "template" / "cur"
    first.mkdir(parents=True)
    for d in ("new", "tmp"):
        (first.parent / d).mkdir()
    now = int(time.time())
    for i, m in enumerate(messages):
        # Maildir keeps LF line ends, as Dovecot's own deliveries do; it sends CRLF.
        lf = m.replace(b"\r\n", b"\n")
        (first / f"{now}.M{i}P1.bench,S={len(lf)}:2,S").write_bytes(lf)
    for u in users:
        shutil.copytree(first.parent, maildirs / u, copy_function=os.link)
    shutil.rmtree(first.parent)
    subprocess.run(["chown", "-R", "nobody:nogroup", str(maildirs)], check=True)
    ports = {p: free_port() for p in protocols}
    services = "".join(f"""
service {p}-login {{
  inet_listener {p} {{
    port = {ports[p]}
  }}
  inet_listener {p}s {{
    port = 0
  }}
}}
""" for p in protocols)
    (base / "run").mkdir()
    conf = base / "dovecot.conf"
    conf.write_text(f"""
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = {" ".join(protocols)}
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
mail_location = maildir:{maildirs}/%u
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={maildirs}/%u
}}
service anvil {{
  chroot =
}}
{services}
{extra_config}
""")
    proc = subprocess.Popen(["dovecot", "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for p in protocols:
        wait_for(ports[p])
    return proc, ports
