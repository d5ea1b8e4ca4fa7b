"""Postfix's smtp-sink (accepts every message and discards it) on a loopback
address and port, optionally counting what it received: with -c it prints
"sess=N quit=N mesg=N" each time a session ends or a message's final "." is
read, and a thread here keeps the last count."""

import re
import shutil
import subprocess
import threading

from peers import free_port, stop, wait_for

SMTP_SINK = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"


class Sink:
    def __init__(self, address: str = "127.0.0.1", port: int | None = None, count: bool = False,
                 connections: int = 256):
        self.address = address
        self.port = port or free_port()
        self.received = 0  # messages whose final "." it has read (count=True)
        args = [SMTP_SINK, "-u", "nobody", *(["-c"] if count else []), f"{address}:{self.port}", str(connections)]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE if count else subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        if count:
            threading.Thread(target=self._read_counter, daemon=True).start()
        wait_for(self.port, address=address)

    def _read_counter(self) -> None:
        field = re.compile(rb"mesg=(\d+)")
        pending = b""
        while chunk := self.process.stdout.read1(65536):
            pending += chunk
            *updates, pending = pending.split(b"\r")
            for update in reversed(updates):
                if m := field.search(update):
                    self.received = int(m.group(1))
                    break

    def stop(self) -> None:
        stop(self.process)
