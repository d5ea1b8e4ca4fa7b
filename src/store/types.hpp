// Plain value types shared by the store interface and its callers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kurir::store {

using DomainId = std::int64_t;
using AccountId = std::int64_t;
using MailboxId = std::int64_t;
using Uid = std::uint32_t;
using ModSeq = std::uint64_t;

struct Domain {
  DomainId id = 0;
  std::string name;  // lower-case, no trailing dot
};

struct Account {
  AccountId id = 0;
  std::string address;        // lower-case local@domain
  std::string password_hash;  // argon2id string (auth/password.hpp)
  bool imap_enabled = true;
  bool pop3_enabled = true;
  std::uint64_t quota_bytes = 0;  // 0: no quota
  std::uint64_t used_bytes = 0;   // sum of the sizes of the account's messages
};

// An alias maps a source to one target. Source is "local@domain" or, for a
// catch-all, "@domain". Target is a local address or an external one (forward).
struct Alias {
  std::string source;
  std::string target;
};

// RFC 6154 special-use attributes.
enum class SpecialUse : std::uint8_t { none, all, archive, drafts, flagged, junk, sent, trash };
const char* special_use_attribute(SpecialUse use);  // "\\Drafts", ... ; "" for none

struct Mailbox {
  MailboxId id = 0;
  AccountId account = 0;
  std::string name;  // UTF-8, hierarchy separator '/', "INBOX" for the inbox
  SpecialUse special_use = SpecialUse::none;
  bool subscribed = false;
  std::uint32_t uidvalidity = 0;
  Uid uidnext = 1;
  ModSeq highestmodseq = 1;
  std::uint32_t messages = 0;
  std::uint32_t unseen = 0;
  std::uint64_t size = 0;  // sum of message sizes (STATUS SIZE)
};

// System flags as bits; keywords as lower-case-preserving atoms.
enum SystemFlag : std::uint8_t {
  kSeen = 1,
  kAnswered = 2,
  kFlagged = 4,
  kDeleted = 8,
  kDraft = 16,
};

struct Flags {
  std::uint8_t system = 0;
  std::vector<std::string> keywords;  // sorted, unique
  bool operator==(const Flags&) const = default;
};

struct MessageMeta {
  Uid uid = 0;
  ModSeq modseq = 0;
  Flags flags;
  std::int64_t internal_date = 0;  // seconds since the epoch
  std::uint64_t size = 0;
  std::int64_t thread_id = 0;
  std::int64_t content_id = 0;  // the stored body (shared by copies)
};

// Where a write landed.
struct Appended {
  MailboxId mailbox = 0;
  std::uint32_t uidvalidity = 0;
  Uid uid = 0;
  ModSeq modseq = 0;
  Uid source_uid = 0;  // copy/move: the UID it was copied from (RFC 4315 COPYUID); else 0
};

struct FlagChange {
  enum class Mode : std::uint8_t { replace, add, remove };
  Mode mode = Mode::replace;
  Flags flags;
  ModSeq unchanged_since = 0;  // RFC 7162 3.1.3 UNCHANGEDSINCE; 0: unconditional
};

struct FlagResult {
  std::vector<MessageMeta> changed;  // messages whose flags or modseq changed
  std::vector<Uid> failed;           // UNCHANGEDSINCE failures (RFC 7162 MODIFIED)
};

// Messages of a mailbox changed or expunged after a MODSEQ (CONDSTORE/QRESYNC, JMAP /changes).
struct ChangesSince {
  std::vector<MessageMeta> changed;
  std::vector<Uid> expunged;  // tombstones with modseq > the one asked
  ModSeq highestmodseq = 0;
};

// One announcement of the change feed: something in this mailbox changed up
// to this modseq. mailbox 0 means the account's mailbox list changed.
struct Change {
  AccountId account = 0;
  MailboxId mailbox = 0;
  ModSeq modseq = 0;
};

}  // namespace kurir::store
