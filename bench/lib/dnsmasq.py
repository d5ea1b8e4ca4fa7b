"""A DNS server of one's own for queue tests and benchmarks: Debian's dnsmasq
answering only from its command line (no resolv.conf, no hosts file) on
127.0.0.1:port, UDP and TCP. Kurir's [queue] resolver points at it."""

import shutil
import socket
import subprocess
import time

from peers import free_port


class Dns:
    """dnsmasq on 127.0.0.1:port serving RECORDS, dnsmasq options such as
    "--mx-host=remote.example,mx.remote.example,10". PORT: a free one when None."""

    def __init__(self, records: list[str], port: int | None = None):
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [shutil.which("dnsmasq") or "/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
             f"--port={self.port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv",
             "--no-hosts", "--pid-file", *records],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dnsmasq exited: {self.process.stdout.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dnsmasq did not come up")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
