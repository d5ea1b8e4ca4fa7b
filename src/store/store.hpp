// The store: accounts, mailboxes, messages, flags and changes, behind one
// interface with an SQLite engine (embedded) and later a PostgreSQL one
// (DESIGN.md "Store"). IMAP semantics live here: UIDVALIDITY, UIDNEXT,
// HIGHESTMODSEQ per mailbox; UID, MODSEQ, flags per message; tombstones of
// expunged UIDs with their MODSEQ. POP3, IMAP and JMAP are views of these rows.
//
// Thread-safety: every method is safe to call from any thread concurrently.
// Calls block (disk, and for writes the group commit's fsync): call them from
// worker threads, never from an I/O thread.
//
// Durability: a write method returns success only after its transaction is on
// stable storage. Concurrent writes are folded into one commit (group commit).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "mime/message.hpp"
#include "store/outbound.hpp"
#include "store/outbound_state.hpp"
#include "store/types.hpp"

namespace kurir::store {

// A message to be written. The caller parses it (mime::parse_message) off the
// writer thread; the store keeps bytes and parse together, once per content.
struct MessageInput {
  std::string bytes;
  mime::ParsedMessage parsed;
  Flags flags;
  std::int64_t internal_date = 0;  // seconds since the epoch; 0: now
};

// One target of a delivery: the same content lands in each (stored once).
struct DeliveryTarget {
  AccountId account = 0;
  std::string mailbox = "INBOX";  // falls back to INBOX if it does not exist
};

// Where deliver_and_enqueue put a message.
struct Accepted {
  std::vector<Appended> local;   // one per target, in order
  std::int64_t outbound_id = 0;  // the queue entry; 0 when nothing was queued
};

// Receives change announcements; see ChangeFeed.
using ChangeCallback = std::function<void(const Change&)>;

// Keeps a subscription alive; unsubscribes when destroyed.
class Subscription {
 public:
  Subscription() = default;
  explicit Subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  Subscription(Subscription&& other) noexcept : cancel_(std::move(other.cancel_)) { other.cancel_ = nullptr; }
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription();

 private:
  std::function<void()> cancel_;
};

struct OpenOptions {
  // Group commit: at most this many transactions per commit. 1 turns group
  // commit off (one commit and fsync per transaction), for the benchmark.
  std::size_t max_batch = 512;
  // How often to look for changes made by other processes (the CLI, another node).
  int external_poll_ms = 250;
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- domains -----------------------------------------------------------
  // Fails already_exists, invalid_argument (not a domain name).
  virtual Result<Domain> add_domain(std::string_view name) = 0;
  virtual Result<std::vector<Domain>> list_domains() = 0;
  // Fails not_found; conflict if accounts or aliases still use it.
  virtual Status remove_domain(std::string_view name) = 0;
  virtual Result<bool> is_local_domain(std::string_view name) = 0;

  // ---- accounts ----------------------------------------------------------
  // Creates the account with INBOX, Drafts, Sent, Trash, Junk and Archive
  // (special-use set, all subscribed). Fails not_found (domain unknown),
  // already_exists (address taken by an account or an alias), invalid_argument.
  virtual Result<Account> add_account(std::string_view address, std::string_view password_hash) = 0;
  virtual Result<Account> find_account(std::string_view address) = 0;
  virtual Result<Account> get_account(AccountId id) = 0;
  // All accounts, or those of one domain when domain is non-empty.
  virtual Result<std::vector<Account>> list_accounts(std::string_view domain = {}) = 0;
  virtual Status set_password(std::string_view address, std::string_view password_hash) = 0;
  virtual Status set_access(std::string_view address, std::optional<bool> imap, std::optional<bool> pop3) = 0;
  virtual Status set_quota(std::string_view address, std::uint64_t quota_bytes) = 0;
  // Removes the account, its mailboxes and messages, and aliases that target it.
  virtual Status remove_account(std::string_view address) = 0;

  // ---- aliases -----------------------------------------------------------
  // Source's domain must be local; fails already_exists for the same pair,
  // conflict if the source is an account's address.
  virtual Status add_alias(std::string_view source, std::string_view target) = 0;
  virtual Result<std::vector<Alias>> list_aliases(std::string_view domain = {}) = 0;
  // Removes one pair, or every target of source when target is empty.
  virtual Status remove_alias(std::string_view source, std::string_view target = {}) = 0;
  // Where mail to address goes: local account addresses and external
  // addresses, after aliases (one level, then catch-all) and sub-addressing
  // ("user+tag@d" -> "user@d"). Empty when nothing matches.
  virtual Result<std::vector<std::string>> resolve_recipient(std::string_view address) = 0;

  // ---- mailboxes ---------------------------------------------------------
  virtual Result<std::vector<Mailbox>> list_mailboxes(AccountId account) = 0;
  // Name lookup; "INBOX" is case-insensitive (RFC 3501 5.1).
  virtual Result<Mailbox> find_mailbox(AccountId account, std::string_view name) = 0;
  virtual Result<Mailbox> get_mailbox(MailboxId id) = 0;
  virtual Result<Mailbox> create_mailbox(AccountId account, std::string_view name,
                                         SpecialUse use = SpecialUse::none) = 0;
  // Deletes the mailbox and its messages. Fails permission_denied for INBOX.
  virtual Status delete_mailbox(MailboxId id) = 0;
  // Renames the mailbox and its children; renaming INBOX moves its messages
  // into a new mailbox and leaves INBOX empty (RFC 3501 6.3.5).
  virtual Status rename_mailbox(MailboxId id, std::string_view new_name) = 0;
  virtual Status set_subscribed(AccountId account, std::string_view name, bool subscribed) = 0;

  // ---- messages ----------------------------------------------------------
  // Fails quota_exceeded, not_found.
  virtual Result<Appended> append(MailboxId mailbox, MessageInput message) = 0;
  // One content to many targets, in one transaction: every target or none.
  virtual Result<std::vector<Appended>> deliver(MessageInput message, std::span<const DeliveryTarget> targets) = 0;
  // Every message of the mailbox, in UID order.
  virtual Result<std::vector<MessageMeta>> list_messages(MailboxId mailbox) = 0;
  virtual Result<ChangesSince> changes_since(MailboxId mailbox, ModSeq modseq) = 0;
  // The stored bytes and their parse, by MessageMeta::content_id.
  virtual Result<std::string> read_content(std::int64_t content_id) = 0;
  virtual Result<mime::ParsedMessage> read_structure(std::int64_t content_id) = 0;
  virtual Result<FlagResult> change_flags(MailboxId mailbox, std::span<const Uid> uids, const FlagChange& change) = 0;
  // Removes the messages, keeping their UIDs as tombstones with a new modseq.
  virtual Result<ModSeq> expunge(MailboxId mailbox, std::span<const Uid> uids) = 0;
  // Copies (keeping flags and internal date); returns the new UIDs in the
  // order of uids (RFC 4315 COPYUID). move also expunges the sources.
  virtual Result<std::vector<Appended>> copy(MailboxId from, std::span<const Uid> uids, MailboxId to) = 0;
  virtual Result<std::vector<Appended>> move(MailboxId from, std::span<const Uid> uids, MailboxId to) = 0;
  // UIDs in mailbox whose subject, addresses or text match the words of query
  // (every word, case-insensitive, prefix match on the last).
  virtual Result<std::vector<Uid>> search_text(MailboxId mailbox, std::string_view query) = 0;

  // ---- outbound queue ----------------------------------------------------
  // Writes a message for remote recipients (durable when it returns). Fails
  // invalid_argument without recipients; returns the entry's id.
  virtual Result<std::int64_t> enqueue_outbound(const OutboundMessage& message) = 0;
  // Every queued message, oldest first (for the queue and `kurir queue`).
  virtual Result<std::vector<OutboundEntry>> list_outbound() = 0;
  // One accepted message (SMTP DATA) in ONE transaction: message delivered to
  // every target as deliver() does, and outbound queued as enqueue_outbound()
  // does; both durable when it returns, or neither written. Empty targets:
  // nothing local; null outbound: nothing queued. Fails as either would
  // (quota_exceeded, not_found, invalid_argument for an outbound message
  // without recipients, ...).
  virtual Result<Accepted> deliver_and_enqueue(MessageInput message, std::span<const DeliveryTarget> targets,
                                               const OutboundMessage* outbound) = 0;

  // ---- changes -----------------------------------------------------------
  // Calls back after every commit that touched the account, also for commits
  // made by another process on the same database (noticed within
  // OpenOptions::external_poll_ms). Callbacks run on a store thread: post
  // the work elsewhere, never block in them. Once the Subscription is
  // destroyed the callback is not running and is not called again (a
  // callback may destroy its own Subscription). REQUIRES: every Subscription
  // is destroyed before the Store.
  virtual Subscription subscribe(AccountId account, ChangeCallback callback) = 0;

  // ---- outbound delivery state (queue/, store/outbound_state.hpp) --------
  // Messages with a queued recipient whose next attempt is at or before now
  // (seconds since the epoch), earliest first, at most limit; no bytes, no history.
  virtual Result<std::vector<OutboundState>> due_outbound(std::int64_t now, std::size_t limit) = 0;
  // The earliest next attempt of any queued recipient; nullopt when none is queued.
  virtual Result<std::optional<std::int64_t>> next_outbound_attempt() = 0;
  // Every queued message with its recipients' state, oldest first; no bytes, no history.
  virtual Result<std::vector<OutboundState>> list_outbound_state() = 0;
  // One message with its recipients' state and attempt history, and its
  // bytes when with_bytes. Fails not_found.
  virtual Result<OutboundState> get_outbound(std::int64_t id, bool with_bytes) = 0;
  // Records one attempt per result (status, next attempt, the remote's reply,
  // a history row) in one transaction, durable when it returns. Fails not_found.
  virtual Status record_outbound_results(std::int64_t id, std::span<const RecipientResult> results) = 0;
  // Removes a message whose recipients are all final and, in the same
  // transaction, queues notice (its DSN) when not null. Returns the notice's
  // id, or 0. Fails not_found.
  virtual Result<std::int64_t> finish_outbound(std::int64_t id, const OutboundMessage* notice) = 0;
  // Queues notice (message id's delay warning) and marks id as warned, in
  // one transaction, unless id was warned already. Returns the notice's id,
  // or 0 when id had been warned. Fails not_found.
  virtual Result<std::int64_t> warn_outbound_delay(std::int64_t id, const OutboundMessage& notice) = 0;
  // Makes the queued recipients of message id (0: of every message) due now.
  // Fails not_found for an unknown id.
  virtual Status retry_outbound(std::int64_t id) = 0;
  // Removes a message and its state without any notice. Fails not_found.
  virtual Status drop_outbound(std::int64_t id) = 0;
};

// Opens (creating if needed) the SQLite store at path, e.g. DATA/kurir.db.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& path, const OpenOptions& options = {});

}  // namespace kurir::store
