"""kurir import / kurir export: issue "Import and export mailboxes".

`kurir import --user ADDRESS (mbox|maildir) PATH` and `kurir export --user
ADDRESS --mbox DIR`; the round trip loses nothing (bytes, flags, dates).
Stored messages are checked through the export (there is no IMAP yet) and
counted in the database."""

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from kurir import USER

BOB = "bob@example.test"

# An mbox as Dovecot or mutt writes it (mboxrd, LF, flag fields at the end of
# the header, asctime From_ dates in UTC), with the From lines that trip
# naive splitters.
TRICKY_MBOX = (
    "From alice@example.test Wed Jan  3 12:34:56 2024\n"
    "From: Alice <alice@example.test>\n"
    "To: bob@example.test\n"
    "Subject: tricky From lines\n"
    "Status: RO\n"
    "X-Status: AF\n"
    "X-Keywords: $Forwarded Work\n"
    "\n"
    ">From the quoted start\n"
    ">>From doubly quoted\n"
    ">From a body line\n"
    "\n"
    "From carol@example.test Thu Feb 29 00:00:01 2024\n"
    "From: carol@example.test\n"
    "Subject: leap day, unread\n"
    "\n"
    "Line one.\n"
    "\n"
    "\n"
    "From MAILER-DAEMON Sun Dec 31 23:59:59 2023\n"
    "Subject: a bounce, deleted draft\n"
    "X-Status: TD\n"
    "\n"
    "no sender\n"
    "\n"
)


@pytest.fixture
def work(kurir):
    """A scratch dir the CLI can use: run as root, kurir's admin commands become
    the data dir's owner, who cannot reach pytest's tmp_path (0700, root's)."""
    path = Path(tempfile.mkdtemp(prefix="kurir-transfer-"))
    owner = kurir.data.stat()
    if os.geteuid() == 0:
        os.chown(path, owner.st_uid, owner.st_gid)
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


# mboxo, as older writers left it: body "From " lines unquoted. They stay
# body (no blank line before, or no date); the export quotes them (mboxrd).
MBOXO = (
    "From dave@example.test Mon Jan  1 10:00:00 2024\n"
    "From: dave@example.test\n"
    "Subject: unquoted\n"
    "\n"
    "From here on without a blank line before: body\n"
    "\n"
    "From the next paragraph, no date: still body\n"
    "\n"
    "From erin@example.test Mon Jan  1 10:00:01 2024\n"
    "From: erin@example.test\n"
    "Subject: second, no blank line at the end of the file\n"
    "\n"
    "x\n"
)


def write(path: Path, data: bytes, mtime: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def make_maildir(root: Path) -> None:
    """A Dovecot Maildir++ tree: INBOX, Sent, Work/2024 and a UTF-7 named folder."""
    write(root / "cur" / "1700000000.M1P1.host,S=40:2,S", b"From: x@example.test\nSubject: seen\n\nhello\n", 1700000000)
    write(root / "cur" / "1700000100.M2P1.host:2,FRab", b"From: y@example.test\nSubject: flagged\n\nkw\n", 1700000100)
    write(root / "new" / "1700000200.M3P1.host", b"From: z@example.test\nSubject: new\n\nunread\n", 1700000200)
    write(root / "tmp" / "1700000300.M4P1.host", b"Subject: in delivery\n\nnot imported\n")
    write(root / "dovecot-keywords", b"0 $Label1\n1 Junk\n")
    write(root / ".Sent" / "cur" / "1700000400.M5P1.host:2,S", b"To: w@example.test\nSubject: sent\n\nsent\n", 1700000400)
    write(root / ".Sent" / "maildirfolder", b"")
    write(root / ".Work.2024" / "cur" / "1700000500.M6P1.host:2,DT", b"Subject: draft\n\nd\n", 1700000500)
    write(root / ".Entw&APw-rfe" / "cur" / "1700000600.M7P1.host:2,", b"Subject: umlaut\n\n\xc3\xa4\n", 1700000600)


def mbox_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def split_mboxrd(data: bytes) -> list[tuple[str, bytes]]:
    """An independent mboxrd reader for the checks: (From_ line, message)."""
    messages: list[tuple[str, bytes]] = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    current = None
    previous_blank = True
    for line in lines:
        if line.startswith(b"From ") and previous_blank:
            if current:
                messages.append((current[0], b"\n".join(current[1][:-1]) + b"\n"))
            current = (line.decode(), [])
        else:
            if line.lstrip(b">").startswith(b"From ") and line.startswith(b">"):
                line = line[1:]
            current[1].append(line)
        previous_blank = line == b""
    if current:
        messages.append((current[0], b"\n".join(current[1][:-1]) + b"\n"))
    return messages


def message_count(kurir) -> int:
    with sqlite3.connect(kurir.data / "kurir.db") as db:
        return db.execute("SELECT count(*) FROM messages").fetchone()[0]


def test_import_export_round_trip(kurir, work):
    maildir = work / "Maildir"
    make_maildir(maildir)
    mbox = work / "lists.mbox"
    mbox.write_bytes(TRICKY_MBOX.encode())

    result = kurir.run("import", "--user", USER, "maildir", str(maildir))
    assert result.stdout.strip() == "imported 6 messages into 4 mailboxes"
    report = kurir.json("import", "--user", USER, "mbox", str(mbox), "--mailbox", "Lists/kurir")
    assert report["messages"] == 3 and report["mailboxes"] == 1
    assert report["skipped_messages"] == 0 and report["skipped_files"] == 0
    assert report["per_mailbox"] == {"Lists/kurir": 3}
    old = work / "old"
    old.write_bytes(MBOXO.encode())
    assert kurir.json("import", "--user", USER, "mbox", str(old), "--mailbox", "Old")["messages"] == 2
    assert message_count(kurir) == 11

    first = work / "export-1"
    exported = kurir.json("export", "--user", USER, "--mbox", str(first))
    assert exported["messages"] == 11
    files = mbox_files(first)
    # The six mailboxes of a new account, the Maildir's folders and the mbox's, nested as directories.
    assert set(files) == {"INBOX.mbox", "Drafts.mbox", "Sent.mbox", "Trash.mbox", "Junk.mbox", "Archive.mbox",
                          "Work.mbox", "Work/2024.mbox", "Entwürfe.mbox", "Lists.mbox", "Lists/kurir.mbox", "Old.mbox"}

    # The mbox comes back byte for byte: bytes, flags, internal dates, quoting.
    assert files["Lists/kurir.mbox"] == TRICKY_MBOX.encode()
    # The mboxo file comes back as mboxrd: the body "From " lines quoted, the file's end a blank line.
    assert files["Old.mbox"] == (MBOXO.replace("\nFrom here", "\n>From here").replace("\nFrom the", "\n>From the")
                                 + "\n").encode()

    # The Maildir's messages: in order, with flags from the file names and dates from the mtimes.
    inbox = split_mboxrd(files["INBOX.mbox"])
    assert [m[0] for m in inbox] == ["From x@example.test Tue Nov 14 22:13:20 2023",
                                     "From y@example.test Tue Nov 14 22:15:00 2023",
                                     "From z@example.test Tue Nov 14 22:16:40 2023"]
    assert inbox[0][1] == b"From: x@example.test\nSubject: seen\nStatus: RO\n\nhello\n"
    assert inbox[1][1] == b"From: y@example.test\nSubject: flagged\nX-Status: AF\nX-Keywords: $Label1 Junk\n\nkw\n"
    assert inbox[2][1] == b"From: z@example.test\nSubject: new\n\nunread\n"
    sent = split_mboxrd(files["Sent.mbox"])
    # No Return-Path and no From: the From_ line says MAILER-DAEMON.
    assert sent == [("From MAILER-DAEMON Tue Nov 14 22:20:00 2023", b"To: w@example.test\nSubject: sent\nStatus: RO\n\nsent\n")]
    assert split_mboxrd(files["Work/2024.mbox"])[0][1] == b"Subject: draft\nX-Status: TD\n\nd\n"
    assert split_mboxrd(files["Entwürfe.mbox"])[0][1] == "Subject: umlaut\n\nä\n".encode()
    assert files["Work.mbox"] == b"" and files["Trash.mbox"] == b""

    # Import the export into a second account and export that: the same tree.
    kurir.run("user", "add", BOB, "--password-stdin", input="pw-bob\n")
    again = kurir.run("import", "--user", BOB, "mbox", str(first))
    assert again.stdout.strip() == "imported 11 messages into 12 mailboxes"
    second = work / "export-2"
    kurir.run("export", "--user", BOB, "--mbox", str(second))
    assert mbox_files(second) == files
    assert message_count(kurir) == 22


def test_export_is_private_and_never_overwrites(kurir, work):
    target = work / "out"
    kurir.run("export", "--user", USER, "--mbox", str(target))
    assert (target.stat().st_mode & 0o777) == 0o700
    assert ((target / "INBOX.mbox").stat().st_mode & 0o777) == 0o600
    again = kurir.run("export", "--user", USER, "--mbox", str(target), check=False)
    assert again.returncode == 1 and "not an empty directory" in again.stderr


def test_oversized_messages_are_reported_and_the_rest_imported(kurir, work):
    maildir = work / "Maildir"
    write(maildir / "cur" / "1.small:2,S", b"Subject: small\n\nok\n", 1700000000)
    big = maildir / "cur" / "2.big:2,S"
    with open(big, "wb") as f:  # sparse: 50 MiB + 1, past limits::kMaxMessageBytes
        f.truncate(50 * 1024 * 1024 + 1)
    result = kurir.run("import", "--user", USER, "maildir", str(maildir), check=False)
    assert result.returncode == 1
    assert "imported 1 message into 1 mailbox; skipped 1 messages" in result.stdout
    assert "2.big:2,S" in result.stderr and "larger than the limit" in result.stderr
    assert message_count(kurir) == 1


def test_bad_input_is_refused(kurir, work):
    not_mbox = work / "note.txt"
    not_mbox.write_text("Subject: hello\n\nnot an mbox\n")
    result = kurir.run("import", "--user", USER, "mbox", str(not_mbox), check=False)
    assert result.returncode == 2 and "not an mbox" in result.stderr
    missing = kurir.run("import", "--user", USER, "maildir", str(work / "nowhere"), check=False)
    assert missing.returncode == 2
    unknown = kurir.run("import", "--user", "nobody@example.test", "mbox", str(not_mbox), check=False)
    assert unknown.returncode == 1
    empty_dir = work / "empty"
    empty_dir.mkdir()
    no_maildir = kurir.run("import", "--user", USER, "maildir", str(empty_dir), check=False)
    assert no_maildir.returncode == 1 and "not a Maildir" in no_maildir.stderr
    assert message_count(kurir) == 0
