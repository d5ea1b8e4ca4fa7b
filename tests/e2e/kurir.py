"""Drives a real Kurir for end-to-end tests: a data dir in a temp folder, the
`kurir` CLI, and `kurir serve` on free loopback ports."""

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

KURIR_BIN = os.environ.get("KURIR_BIN", str(Path(__file__).resolve().parents[2] / "build" / "src" / "kurir"))

LISTENERS = ["smtp", "submission", "submissions", "imap", "imaps", "pop3", "pop3s", "http", "https"]

DOMAIN = "example.test"
USER = "alice@example.test"
PASSWORD = "correct horse battery"


_handed_out: set[int] = set()


def free_port() -> int:
    """A free loopback port below the kernel's ephemeral range: a port from that
    range (what binding port 0 gives) can be taken by any outgoing connection
    between this check and the server's own bind, which CI saw happen."""
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        ephemeral_low = int(f.read().split()[0])
    if ephemeral_low < 11000:  # no room below it: let the kernel choose
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    while True:
        port = random.randrange(10000, ephemeral_low)
        if port in _handed_out:
            continue
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as kurir serve binds
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port


class Kurir:
    """One data directory, and optionally its running server."""

    def __init__(self, data: Path):
        self.data = data
        self.ports: dict[str, int] = {}
        self.process: subprocess.Popen | None = None
        self.log_path = data.parent / (data.name + ".log")

    # ---- the CLI -------------------------------------------------------
    def run(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([KURIR_BIN, "--data", str(self.data), *args], input=input,
                                capture_output=True, text=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"kurir {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
        return result

    def json(self, *args: str, input: str | None = None):
        return json.loads(self.run("--json", *args, input=input).stdout)

    def init(self, *extra: str, user: str | None = USER, password: str = PASSWORD,
             hostname: str = "mail.example.test") -> None:
        args = ["init", "--ports", "high", "--hostname", hostname, *extra]
        if user:
            args += ["--user", user, "--password-stdin"]
        self.run(*args, input=password + "\n" if user else None)

    # ---- the server ----------------------------------------------------
    def use_free_loopback_ports(self) -> None:
        """Rewrites kurir.toml so that every listener is on 127.0.0.1 and a free port."""
        config = (self.data / "kurir.toml").read_text()
        for name in LISTENERS:
            self.ports[name] = free_port()
            section = re.compile(rf"(\[listeners\.{name}\][^\[]*?)address = \"\*\"\nport = \d+", re.S)
            config, n = section.subn(rf'\1address = "127.0.0.1"\nport = {self.ports[name]}', config)
            assert n == 1, f"no [listeners.{name}] in kurir.toml"
        (self.data / "kurir.toml").write_text(config)

    def start(self, timeout: float = 20, preexec_fn=None) -> None:
        """preexec_fn runs in the child before kurir starts (e.g. to set limits)."""
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([KURIR_BIN, "--data", str(self.data), "serve", "--threads", "2"],
                                        stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"kurir serve exited {self.process.returncode}:\n{self.output()}")
            if "Kurir is running" in self.output() and all(self._accepts(p) for p in self.ports.values()):
                return
            time.sleep(0.05)
        raise AssertionError(f"kurir serve did not come up in {timeout}s:\n{self.output()}")

    def _accepts(self, port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    def output(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> int:
        """SIGTERM, and the exit status (the server must stop by itself within 15 s)."""
        if not self.process or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.log.close()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def new_data_dir() -> Path:
    # Not under pytest's tmp_path: as root, `kurir serve` drops to the
    # unprivileged `kurir` user, who must be able to reach the data dir.
    parent = Path(tempfile.mkdtemp(prefix="kurir-e2e-"))
    os.chmod(parent, 0o755)
    return parent / "data"


def remove_data_dir(data: Path) -> None:
    shutil.rmtree(data.parent, ignore_errors=True)
