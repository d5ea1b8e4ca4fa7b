// The SQLite engine of store::Store (DESIGN.md "Store"): one database file
// in WAL mode; writes go through the group-commit Writer, reads through a
// pool of read connections, changes through the ChangeFeed.
//
// Thread-safety: as store::Store (every method from any thread; calls block).
// The counters below are for tests and the benchmark.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <type_traits>

#include "store/sqlite/change_feed.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/writer.hpp"
#include "store/store.hpp"

namespace kurir::store::sqlite {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& path, const OpenOptions& options);
  // Drains queued writes, stops the writer and the poller, closes connections.
  ~SqliteStore() override;

  // Commits made, and transactions they held (group commit: commits <= transactions).
  std::uint64_t commits() const { return writer_->commits(); }
  std::uint64_t transactions() const { return writer_->transactions(); }

  Result<Domain> add_domain(std::string_view name) override;
  Result<std::vector<Domain>> list_domains() override;
  Status remove_domain(std::string_view name) override;
  Result<bool> is_local_domain(std::string_view name) override;

  Result<Account> add_account(std::string_view address, std::string_view password_hash) override;
  Result<Account> find_account(std::string_view address) override;
  Result<Account> get_account(AccountId id) override;
  Result<std::vector<Account>> list_accounts(std::string_view domain = {}) override;
  Status set_password(std::string_view address, std::string_view password_hash) override;
  Status set_access(std::string_view address, std::optional<bool> imap, std::optional<bool> pop3) override;
  Status set_quota(std::string_view address, std::uint64_t quota_bytes) override;
  Status remove_account(std::string_view address) override;

  Status add_alias(std::string_view source, std::string_view target) override;
  Result<std::vector<Alias>> list_aliases(std::string_view domain = {}) override;
  Status remove_alias(std::string_view source, std::string_view target = {}) override;
  Result<std::vector<std::string>> resolve_recipient(std::string_view address) override;

  Result<std::vector<Mailbox>> list_mailboxes(AccountId account) override;
  Result<Mailbox> find_mailbox(AccountId account, std::string_view name) override;
  Result<Mailbox> get_mailbox(MailboxId id) override;
  Result<Mailbox> create_mailbox(AccountId account, std::string_view name, SpecialUse use) override;
  Status delete_mailbox(MailboxId id) override;
  Status rename_mailbox(MailboxId id, std::string_view new_name) override;
  Status set_subscribed(AccountId account, std::string_view name, bool subscribed) override;

  Result<Appended> append(MailboxId mailbox, MessageInput message) override;
  Result<std::vector<Appended>> deliver(MessageInput message, std::span<const DeliveryTarget> targets) override;
  Result<std::vector<MessageMeta>> list_messages(MailboxId mailbox) override;
  Result<ChangesSince> changes_since(MailboxId mailbox, ModSeq modseq) override;
  Result<std::string> read_content(std::int64_t content_id) override;
  Result<mime::ParsedMessage> read_structure(std::int64_t content_id) override;
  Result<FlagResult> change_flags(MailboxId mailbox, std::span<const Uid> uids, const FlagChange& change) override;
  Result<ModSeq> expunge(MailboxId mailbox, std::span<const Uid> uids) override;
  Result<std::vector<Appended>> copy(MailboxId from, std::span<const Uid> uids, MailboxId to) override;
  Result<std::vector<Appended>> move(MailboxId from, std::span<const Uid> uids, MailboxId to) override;
  Result<std::vector<Uid>> search_text(MailboxId mailbox, std::string_view query) override;

  Result<std::int64_t> enqueue_outbound(const OutboundMessage& message) override;
  Result<std::vector<OutboundEntry>> list_outbound() override;
  Result<Accepted> deliver_and_enqueue(MessageInput message, std::span<const DeliveryTarget> targets,
                                       const OutboundMessage* outbound) override;

  Subscription subscribe(AccountId account, ChangeCallback callback) override;

  // Defined in outbound_state.cpp.
  Result<std::vector<OutboundState>> due_outbound(std::int64_t now, std::size_t limit) override;
  Result<std::optional<std::int64_t>> next_outbound_attempt() override;
  Result<std::vector<OutboundState>> list_outbound_state() override;
  Result<OutboundState> get_outbound(std::int64_t id, bool with_bytes) override;
  Status record_outbound_results(std::int64_t id, std::span<const RecipientResult> results) override;
  Result<std::int64_t> finish_outbound(std::int64_t id, const OutboundMessage* notice) override;
  Result<std::int64_t> warn_outbound_delay(std::int64_t id, const OutboundMessage& notice) override;
  Status retry_outbound(std::int64_t id) override;
  Status drop_outbound(std::int64_t id) override;

 private:
  explicit SqliteStore(const std::filesystem::path& path) : readers_(path) {}

  // Runs fn(connection, changes) -> Result<T> as one transaction of the next group commit.
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Connection&, ChangeSet&>;
  // Runs fn(connection) -> Result<T> on a leased read connection.
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Connection&>;

  ReadPool readers_;
  ChangeFeed feed_;  // before writer_: the writer publishes to it until it stops
  std::unique_ptr<Writer> writer_;
};

}  // namespace kurir::store::sqlite
