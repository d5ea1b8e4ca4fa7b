#include "store/sqlite/schema.hpp"

#include <array>
#include <string>

namespace kurir::store::sqlite {

namespace {

// Each entry upgrades from version i to i+1. Never edit a released entry; add one.
constexpr std::array<const char*, 4> kMigrations = {
    R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE domains(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  domain_id INTEGER NOT NULL REFERENCES domains(id),
  address TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  imap INTEGER NOT NULL DEFAULT 1,
  pop3 INTEGER NOT NULL DEFAULT 1,
  quota INTEGER NOT NULL DEFAULT 0,
  used INTEGER NOT NULL DEFAULT 0,
  last_thread INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX accounts_domain ON accounts(domain_id);

CREATE TABLE aliases(
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  domain_id INTEGER NOT NULL REFERENCES domains(id),
  PRIMARY KEY(source, target)
) WITHOUT ROWID;
CREATE INDEX aliases_domain ON aliases(domain_id);
CREATE INDEX aliases_target ON aliases(target);

-- messages, unseen and size are kept by the code that inserts and removes
-- messages, so STATUS and LIST do not scan a mailbox.
CREATE TABLE mailboxes(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  special_use INTEGER NOT NULL DEFAULT 0,
  uidvalidity INTEGER NOT NULL,
  uidnext INTEGER NOT NULL DEFAULT 1,
  highestmodseq INTEGER NOT NULL DEFAULT 1,
  messages INTEGER NOT NULL DEFAULT 0,
  unseen INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  UNIQUE(account_id, name)
);

-- Separate from mailboxes: IMAP lets a client subscribe to a name that does
-- not exist (RFC 3501 6.3.6), and a subscription outlives DELETE.
CREATE TABLE subscriptions(
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY(account_id, name)
) WITHOUT ROWID;

-- One row per distinct message body (content-addressed by SHA-256),
-- shared by every message that holds it; removed when refcount reaches 0.
CREATE TABLE contents(
  id INTEGER PRIMARY KEY,
  sha256 BLOB NOT NULL UNIQUE,
  refcount INTEGER NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  structure BLOB NOT NULL
);

CREATE TABLE messages(
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  keywords TEXT NOT NULL,
  internal_date INTEGER NOT NULL,
  size INTEGER NOT NULL,
  thread_id INTEGER NOT NULL,
  content_id INTEGER NOT NULL REFERENCES contents(id),
  PRIMARY KEY(mailbox_id, uid)
) WITHOUT ROWID;
CREATE INDEX messages_modseq ON messages(mailbox_id, modseq);
CREATE INDEX messages_content ON messages(content_id);

-- Tombstones: expunged UIDs with the MODSEQ of their expunge (RFC 7162 QRESYNC).
CREATE TABLE expunged(
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  PRIMARY KEY(mailbox_id, uid)
) WITHOUT ROWID;
CREATE INDEX expunged_modseq ON expunged(mailbox_id, modseq);

-- Message-IDs seen in an account, for threading at delivery.
CREATE TABLE thread_keys(
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  thread_id INTEGER NOT NULL,
  PRIMARY KEY(account_id, message_id)
) WITHOUT ROWID;

-- What each commit touched, for processes watching the same database.
-- origin tells a process its own rows apart.
CREATE TABLE change_log(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  origin INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  mailbox_id INTEGER NOT NULL,
  modseq INTEGER NOT NULL
);

-- Decoded text of each content, rowid = contents.id.
CREATE VIRTUAL TABLE content_text USING fts5(subject, addresses, body, tokenize = 'unicode61 remove_diacritics 2');
)sql",
    // 2: the outbound queue (store/outbound.hpp), written by SMTP submission.
    R"sql(
CREATE TABLE outbound(
  id INTEGER PRIMARY KEY,
  sender TEXT NOT NULL,
  envid TEXT NOT NULL,
  ret TEXT NOT NULL,
  smtputf8 INTEGER NOT NULL,
  body TEXT NOT NULL,
  created INTEGER NOT NULL,
  bytes BLOB NOT NULL
);

-- One row per recipient still to be tried; the queue updates attempts and next_attempt.
CREATE TABLE outbound_recipients(
  outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  notify INTEGER NOT NULL,
  orcpt TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(outbound_id, address)
) WITHOUT ROWID;
CREATE INDEX outbound_recipients_due ON outbound_recipients(next_attempt);
)sql",
    // 3: the queue's delivery state (store/outbound_state.hpp): per recipient
    // its status and the remote's last reply, and every attempt's reply.
    R"sql(
ALTER TABLE outbound_recipients ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbound_recipients ADD COLUMN last_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbound_recipients ADD COLUMN last_host TEXT NOT NULL DEFAULT '';
ALTER TABLE outbound_recipients ADD COLUMN last_code INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbound_recipients ADD COLUMN last_reply TEXT NOT NULL DEFAULT '';

CREATE TABLE outbound_attempts(
  id INTEGER PRIMARY KEY,
  outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  at INTEGER NOT NULL,
  host TEXT NOT NULL,
  code INTEGER NOT NULL,
  reply TEXT NOT NULL
);
CREATE INDEX outbound_attempts_message ON outbound_attempts(outbound_id, address);
)sql",
    // 4: whether a message's sender has had its delay warning ([queue]
    // delay_warning), so a restart does not send it again.
    R"sql(
ALTER TABLE outbound ADD COLUMN delay_warned INTEGER NOT NULL DEFAULT 0;
)sql",
};

}  // namespace

Status migrate(Connection& connection) {
  KURIR_TRY(connection.exec("BEGIN IMMEDIATE"));
  auto fail = [&](Error e) -> Status {
    (void)connection.exec("ROLLBACK");
    return e;
  };
  std::int64_t version = 0;
  {
    auto version_stmt = connection.prepare("PRAGMA user_version");
    if (!version_stmt) return fail(version_stmt.error());
    auto row = version_stmt->step();
    if (!row) return fail(row.error());
    version = version_stmt->integer(0);
  }
  if (version > static_cast<std::int64_t>(kMigrations.size())) {
    return fail(make_error(Errc::corrupt, "database schema version " + std::to_string(version) +
                                              " is newer than this program's " +
                                              std::to_string(kMigrations.size())));
  }
  for (auto v = static_cast<std::size_t>(version); v < kMigrations.size(); ++v) {
    if (auto st = connection.exec(kMigrations[v]); !st) return fail(st.error());
    if (auto st = connection.exec("PRAGMA user_version = " + std::to_string(v + 1)); !st) return fail(st.error());
  }
  return connection.exec("COMMIT");
}

}  // namespace kurir::store::sqlite
