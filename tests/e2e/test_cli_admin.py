"""kurir domain / user / alias: issue 2 "Admin CLI"."""

from kurir import USER


def test_domains(kurir):
    kurir.run("domain", "add", "Other.Example")
    assert {"domain": "other.example"} in kurir.json("domain", "list")
    again = kurir.run("domain", "add", "other.example", check=False)
    assert again.returncode == 1 and "exists" in again.stderr
    kurir.run("domain", "remove", "other.example")
    assert {"domain": "other.example"} not in kurir.json("domain", "list")


def test_domain_in_use_is_not_removed(kurir):
    result = kurir.run("domain", "remove", "example.test", check=False)
    assert result.returncode == 1
    assert "example.test" in result.stderr


def test_user_add_list_remove(kurir):
    added = kurir.json("user", "add", "Bob@Example.Test", "--password-stdin", input="pw-bob\n")
    assert added["address"] == "bob@example.test"
    assert added["imap"] is True and added["pop3"] is True
    assert sorted(u["address"] for u in kurir.json("user", "list")) == ["alice@example.test", "bob@example.test"]
    kurir.run("user", "remove", "bob@example.test")
    assert [u["address"] for u in kurir.json("user", "list")] == [USER]


def test_user_add_refuses_unknown_domain_and_duplicates(kurir):
    unknown = kurir.run("user", "add", "x@nowhere.test", "--password-stdin", input="pw\n", check=False)
    assert unknown.returncode != 0
    assert "nowhere.test" in unknown.stderr
    duplicate = kurir.run("user", "add", USER, "--password-stdin", input="pw\n", check=False)
    assert duplicate.returncode != 0
    assert "exists" in duplicate.stderr


def test_user_add_needs_a_password(kurir):
    result = kurir.run("user", "add", "carol@example.test", check=False)
    assert result.returncode == 2
    assert "--password-stdin" in result.stderr


def test_user_set_access_switches_and_quota(kurir):
    after = kurir.json("user", "set", USER, "--imap", "off", "--quota", "2M")
    assert after["imap"] is False and after["pop3"] is True and after["quota_bytes"] == 2 * 1024 * 1024
    after = kurir.json("user", "set", USER, "--pop3", "off", "--imap", "on", "--quota", "none")
    assert after["imap"] is True and after["pop3"] is False and after["quota_bytes"] == 0
    bad = kurir.run("user", "set", USER, "--imap", "maybe", check=False)
    assert bad.returncode == 2 and "on or off" in bad.stderr


def test_user_passwd_changes_the_stored_hash(kurir):
    import sqlite3
    def stored_hash():
        with sqlite3.connect(kurir.data / "kurir.db") as db:
            tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
            assert "accounts" in tables
            return db.execute("select password_hash from accounts where address=?", (USER,)).fetchone()[0]
    before = stored_hash()
    assert before.startswith("$argon2id$")
    kurir.run("user", "passwd", USER, "--password-stdin", input="a new password\n")
    after = stored_hash()
    assert after.startswith("$argon2id$") and after != before


def test_aliases_catch_all_and_forward(kurir):
    kurir.run("alias", "add", "postmaster@example.test", USER)
    kurir.run("alias", "add", "@example.test", USER)
    kurir.run("alias", "add", "team@example.test", "someone@elsewhere.test")
    listed = kurir.json("alias", "list")
    assert {"source": "postmaster@example.test", "target": USER} in listed
    assert {"source": "@example.test", "target": USER} in listed
    assert {"source": "team@example.test", "target": "someone@elsewhere.test"} in listed
    kurir.run("alias", "remove", "team@example.test")
    assert all(a["source"] != "team@example.test" for a in kurir.json("alias", "list"))


def test_alias_on_a_foreign_domain_is_refused(kurir):
    result = kurir.run("alias", "add", "x@elsewhere.test", USER, check=False)
    assert result.returncode != 0
    assert "elsewhere.test" in result.stderr
