// Messages of the SQLite store: UIDs, MODSEQs, flags, tombstones, the
// per-mailbox counters (messages, unseen, size) and the account's quota use.
// Every change bumps the mailbox's HIGHESTMODSEQ once and stamps the rows it
// touched with the new value (RFC 7162).
//
// Thread-safety: as the connection's (one thread at a time). Writes
// REQUIRE a writer transaction.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite/change_feed.hpp"
#include "store/sqlite/database.hpp"
#include "store/types.hpp"

namespace kurir::store::sqlite {

// A message row to insert; its content already holds a reference for it.
struct NewMessage {
  std::int64_t content_id = 0;
  std::uint64_t size = 0;
  Flags flags;
  std::int64_t internal_date = 0;
  std::int64_t thread_id = 0;
  Uid source_uid = 0;  // for copy/move results
};

// Inserts the messages into mailbox with consecutive new UIDs and one new
// MODSEQ, in order. Fails quota_exceeded (nothing written), not_found.
Result<std::vector<Appended>> insert_messages(Connection& c, ChangeSet& changes, MailboxId mailbox,
                                              std::span<const NewMessage> messages);
Result<FlagResult> change_flags(Connection& c, ChangeSet& changes, MailboxId mailbox, std::span<const Uid> uids,
                                const FlagChange& change);
// Removes the messages (tombstones with one new MODSEQ); returns the
// mailbox's HIGHESTMODSEQ afterwards.
Result<ModSeq> expunge(Connection& c, ChangeSet& changes, MailboxId mailbox, std::span<const Uid> uids);
Result<std::vector<Appended>> copy(Connection& c, ChangeSet& changes, MailboxId from, std::span<const Uid> uids,
                                   MailboxId to, bool move);
// Drops every message of the mailbox without tombstones (the mailbox is
// being deleted): contents released, quota use lowered.
Status remove_all_messages(Connection& c, MailboxId mailbox);

Result<std::vector<MessageMeta>> list_messages(Connection& c, MailboxId mailbox);
Result<ChangesSince> changes_since(Connection& c, MailboxId mailbox, ModSeq modseq);
Result<std::vector<Uid>> search_text(Connection& c, MailboxId mailbox, std::string_view query);

// Keywords as stored: sorted, unique, space-separated.
std::string join_keywords(const std::vector<std::string>& keywords);
std::vector<std::string> split_keywords(std::string_view stored);

}  // namespace kurir::store::sqlite
