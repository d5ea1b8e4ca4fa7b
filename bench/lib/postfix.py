"""A Postfix of its own for benchmarks and tests: run from a config directory
in a temp dir (`postfix -c DIR start`: its own queue_directory,
data_directory and log file) on a free loopback port; the system Postfix is
neither needed nor touched. Needs root (master(8) and privilege separation)."""

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

from peers import free_port, wait_for


def start_postfix(work: Path, user: str, hostname: str = "postfix.example.test", main_cf: str = "",
                  files: dict[str, str] | None = None) -> tuple[Path, int, Path]:
    """A Postfix in WORK/postfix (config, queue, data, log) on a free port of
    127.0.0.1, relaying for 127.0.0.0/8 and delivering USER's mail to a Maildir
    (fsynced by virtual(8)). main_cf: more main.cf lines (settings not set
    here); files: more files for its config dir (maps), by name. Returns its
    config dir, port and USER's Maildir."""
    base = work / "postfix"
    etc, queue, data, mail = base / "etc", base / "queue", base / "data", base / "mail"
    for d in (etc, queue, data, mail):
        d.mkdir(parents=True)
    nobody = pwd.getpwnam("nobody")
    shutil.chown(mail, nobody.pw_uid, nobody.pw_gid)
    shutil.chown(data, "postfix")
    port = free_port()
    domain = user.split("@", 1)[1]
    (etc / "vmailbox").write_text(f"{user} user/\n")  # trailing slash: Maildir
    (etc / "main.cf").write_text(f"""
compatibility_level = 3.6
config_directory = {etc}
queue_directory = {queue}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
maillog_file = {base}/postfix.log
maillog_file_prefixes = {base}
myhostname = {hostname}
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
biff = no
virtual_mailbox_domains = {domain}
virtual_mailbox_base = {mail}
virtual_mailbox_maps = texthash:{etc}/vmailbox
virtual_uid_maps = static:{nobody.pw_uid}
virtual_gid_maps = static:{nobody.pw_gid}
""" + main_cf)
    for name, text in (files or {}).items():
        (etc / name).write_text(text)
    # Postfix's stock services, none chrooted (the chroot would need copies of /etc files).
    (etc / "master.cf").write_text(f"""
127.0.0.1:{port} inet n - n - - smtpd
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
local     unix - n n - - local
virtual   unix - n n - - virtual
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
""")
    subprocess.run(["postfix", "-c", str(etc), "check"], check=True)
    subprocess.run(["postfix", "-c", str(etc), "start"], check=True, capture_output=True)
    wait_for(port)
    return etc, port, mail / "user"


def maildir_count(maildir: Path) -> int:
    try:
        return sum(1 for _ in os.scandir(maildir / "new"))
    except FileNotFoundError:
        return 0


def wait_delivered(maildir: Path, count: int, timeout: float = 600) -> None:
    # A benchmark, not a test: polling the Maildir is how its end is observed.
    deadline = time.monotonic() + timeout
    while maildir_count(maildir) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"postfix delivered {maildir_count(maildir)} of {count} in {timeout}s")
        time.sleep(0.005)


def queue_empty(etc: Path) -> bool:
    """Whether the Postfix of config dir etc holds no message in any queue."""
    out = subprocess.run(["postqueue", "-c", str(etc), "-p"], capture_output=True, text=True).stdout
    return "Mail queue is empty" in out


def queue_files(etc: Path, queue: str) -> int:
    """How many messages one of its queues ("incoming", "active", "deferred", ...)
    holds, for the Postfix start_postfix made with config dir etc."""
    return sum(len(files) for _, _, files in os.walk(etc.parent / "queue" / queue))


def stop_postfix(etc: Path) -> None:
    subprocess.run(["postfix", "-c", str(etc), "stop"], capture_output=True)
