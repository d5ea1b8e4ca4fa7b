#include "store/sqlite/sqlite_store.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <random>

#include "core/limits.hpp"
#include "store/sqlite/accounts.hpp"
#include "store/sqlite/contents.hpp"
#include "store/sqlite/mailboxes.hpp"
#include "store/sqlite/messages.hpp"
#include "store/sqlite/names.hpp"
#include "store/sqlite/outbound.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/threads.hpp"

namespace kurir::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& path, const OpenOptions& options) {
  auto store = sqlite::SqliteStore::open(path, options);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace kurir::store

namespace kurir::store::sqlite {

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t random_origin() {
  std::random_device device;
  std::uint64_t v = (std::uint64_t{device()} << 32) ^ device();
  return static_cast<std::int64_t>(v >> 1);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& path,
                                                       const OpenOptions& options) {
  auto connection = Connection::open(path, OpenMode::writer);
  if (!connection) return connection.error();
  KURIR_TRY(migrate(**connection));
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  const std::int64_t origin = random_origin();
  std::size_t batch = options.max_batch == 0 ? 1 : std::min(options.max_batch, limits::kMaxCommitBatch);
  store->writer_ = std::make_unique<Writer>(std::move(*connection), batch, store->feed_, origin);
  if (options.external_poll_ms > 0) {
    KURIR_TRY(store->feed_.start_external_watch(path, origin, options.external_poll_ms));
  }
  return store;
}

SqliteStore::~SqliteStore() {
  writer_.reset();
  feed_.stop();
}

template <class F>
auto SqliteStore::write(F&& fn) -> std::invoke_result_t<F&, Connection&, ChangeSet&> {
  using R = std::invoke_result_t<F&, Connection&, ChangeSet&>;
  if constexpr (std::is_same_v<R, Status>) {
    return writer_->run([&](Connection& c, ChangeSet& changes) -> Status { return fn(c, changes); });
  } else {
    std::optional<R> out;
    Status status = writer_->run([&](Connection& c, ChangeSet& changes) -> Status {
      R r = fn(c, changes);
      if (!r.ok()) return r.error();
      out.emplace(std::move(r));
      return {};
    });
    if (!status.ok()) return status.error();
    return std::move(*out);
  }
}

template <class F>
auto SqliteStore::read(F&& fn) -> std::invoke_result_t<F&, Connection&> {
  auto lease = readers_.acquire();
  if (!lease) return lease.error();
  return fn(**lease);
}

// ---- domains, accounts, aliases --------------------------------------------

Result<Domain> SqliteStore::add_domain(std::string_view name) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::add_domain(c, name); });
}

Result<std::vector<Domain>> SqliteStore::list_domains() {
  return read([&](Connection& c) { return sqlite::list_domains(c); });
}

Status SqliteStore::remove_domain(std::string_view name) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::remove_domain(c, name); });
}

Result<bool> SqliteStore::is_local_domain(std::string_view name) {
  return read([&](Connection& c) { return sqlite::is_local_domain(c, name); });
}

Result<Account> SqliteStore::add_account(std::string_view address, std::string_view password_hash) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::add_account(c, changes, address, password_hash); });
}

Result<Account> SqliteStore::find_account(std::string_view address) {
  return read([&](Connection& c) { return sqlite::find_account(c, address); });
}

Result<Account> SqliteStore::get_account(AccountId id) {
  return read([&](Connection& c) { return sqlite::get_account(c, id); });
}

Result<std::vector<Account>> SqliteStore::list_accounts(std::string_view domain) {
  return read([&](Connection& c) { return sqlite::list_accounts(c, domain); });
}

Status SqliteStore::set_password(std::string_view address, std::string_view password_hash) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::set_password(c, address, password_hash); });
}

Status SqliteStore::set_access(std::string_view address, std::optional<bool> imap, std::optional<bool> pop3) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::set_access(c, address, imap, pop3); });
}

Status SqliteStore::set_quota(std::string_view address, std::uint64_t quota_bytes) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::set_quota(c, address, quota_bytes); });
}

Status SqliteStore::remove_account(std::string_view address) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::remove_account(c, changes, address); });
}

Status SqliteStore::add_alias(std::string_view source, std::string_view target) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::add_alias(c, source, target); });
}

Result<std::vector<Alias>> SqliteStore::list_aliases(std::string_view domain) {
  return read([&](Connection& c) { return sqlite::list_aliases(c, domain); });
}

Status SqliteStore::remove_alias(std::string_view source, std::string_view target) {
  return write([&](Connection& c, ChangeSet&) { return sqlite::remove_alias(c, source, target); });
}

Result<std::vector<std::string>> SqliteStore::resolve_recipient(std::string_view address) {
  return read([&](Connection& c) { return sqlite::resolve_recipient(c, address); });
}

// ---- mailboxes --------------------------------------------------------------

Result<std::vector<Mailbox>> SqliteStore::list_mailboxes(AccountId account) {
  return read([&](Connection& c) -> Result<std::vector<Mailbox>> {
    ReadSnapshot snapshot(c);
    KURIR_TRY(snapshot.status());
    return sqlite::list_mailboxes(c, account);
  });
}

Result<Mailbox> SqliteStore::find_mailbox(AccountId account, std::string_view name) {
  return read([&](Connection& c) { return sqlite::find_mailbox(c, account, name); });
}

Result<Mailbox> SqliteStore::get_mailbox(MailboxId id) {
  return read([&](Connection& c) { return sqlite::get_mailbox(c, id); });
}

Result<Mailbox> SqliteStore::create_mailbox(AccountId account, std::string_view name, SpecialUse use) {
  return write([&](Connection& c, ChangeSet& changes) {
    return sqlite::create_mailbox(c, changes, account, name, use, /*subscribe=*/false);
  });
}

Status SqliteStore::delete_mailbox(MailboxId id) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::delete_mailbox(c, changes, id); });
}

Status SqliteStore::rename_mailbox(MailboxId id, std::string_view new_name) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::rename_mailbox(c, changes, id, new_name); });
}

Status SqliteStore::set_subscribed(AccountId account, std::string_view name, bool subscribed) {
  return write([&](Connection& c, ChangeSet& changes) {
    return sqlite::set_subscribed(c, changes, account, name, subscribed);
  });
}

// ---- messages ---------------------------------------------------------------

Result<Appended> SqliteStore::append(MailboxId mailbox, MessageInput message) {
  if (message.bytes.size() > limits::kMaxMessageBytes)
    return make_error(Errc::limit_exceeded, "message larger than " + std::to_string(limits::kMaxMessageBytes) + " bytes");
  // Hashing and serialising the parse happen here, off the writer thread.
  PreparedContent content = prepare_content(message.bytes, message.parsed);
  const std::int64_t date = message.internal_date != 0 ? message.internal_date : now_seconds();
  return write([&](Connection& c, ChangeSet& changes) -> Result<Appended> {
    auto target = sqlite::get_mailbox(c, mailbox);
    if (!target) return target.error();
    auto thread = assign_thread(c, target->account, message.parsed);
    if (!thread) return thread.error();
    auto content_id = acquire_content(c, content, 1);
    if (!content_id) return content_id.error();
    NewMessage row{*content_id, message.bytes.size(), message.flags, date, *thread, 0};
    auto appended = insert_messages(c, changes, mailbox, std::span<const NewMessage>(&row, 1));
    if (!appended) return appended.error();
    return appended->front();
  });
}

namespace {

// deliver()'s transaction: content stored once, one row per target.
// REQUIRES: inside the writer's transaction; targets not empty.
Result<std::vector<Appended>> insert_delivery(Connection& c, ChangeSet& changes, const MessageInput& message,
                                              const PreparedContent& content, std::int64_t date,
                                              std::span<const DeliveryTarget> targets) {
  auto content_id = acquire_content(c, content, static_cast<std::int64_t>(targets.size()));
  if (!content_id) return content_id.error();
  std::map<AccountId, std::int64_t> threads;
  std::vector<Appended> out;
  out.reserve(targets.size());
  for (const DeliveryTarget& t : targets) {
    auto mailbox = sqlite::find_mailbox(c, t.account, t.mailbox);
    if (!mailbox && mailbox.error().code == Errc::not_found) mailbox = sqlite::find_mailbox(c, t.account, "INBOX");
    if (!mailbox) {
      if (mailbox.error().code == Errc::not_found)
        return make_error(Errc::not_found, "no such account: id " + std::to_string(t.account));
      return mailbox.error();
    }
    auto [it, fresh] = threads.try_emplace(t.account, 0);
    if (fresh) {
      auto thread = assign_thread(c, t.account, message.parsed);
      if (!thread) return thread.error();
      it->second = *thread;
    }
    NewMessage row{*content_id, message.bytes.size(), message.flags, date, it->second, 0};
    auto appended = insert_messages(c, changes, mailbox->id, std::span<const NewMessage>(&row, 1));
    if (!appended) return appended.error();
    out.push_back(appended->front());
  }
  return out;
}

Status check_message_size(const MessageInput& message) {
  if (message.bytes.size() > limits::kMaxMessageBytes)
    return make_error(Errc::limit_exceeded, "message larger than " + std::to_string(limits::kMaxMessageBytes) + " bytes");
  return {};
}

}  // namespace

Result<std::vector<Appended>> SqliteStore::deliver(MessageInput message, std::span<const DeliveryTarget> targets) {
  if (targets.empty()) return std::vector<Appended>{};
  KURIR_TRY(check_message_size(message));
  PreparedContent content = prepare_content(message.bytes, message.parsed);
  const std::int64_t date = message.internal_date != 0 ? message.internal_date : now_seconds();
  return write([&](Connection& c, ChangeSet& changes) {
    return insert_delivery(c, changes, message, content, date, targets);
  });
}

Result<std::int64_t> SqliteStore::enqueue_outbound(const OutboundMessage& message) {
  const std::int64_t now = now_seconds();
  return write([&](Connection& c, ChangeSet&) { return sqlite::insert_outbound(c, message, now); });
}

Result<std::vector<OutboundEntry>> SqliteStore::list_outbound() {
  return read([&](Connection& c) { return sqlite::list_outbound(c); });
}

Result<Accepted> SqliteStore::deliver_and_enqueue(MessageInput message, std::span<const DeliveryTarget> targets,
                                                  const OutboundMessage* outbound) {
  std::optional<PreparedContent> content;
  if (!targets.empty()) {
    KURIR_TRY(check_message_size(message));
    content = prepare_content(message.bytes, message.parsed);
  }
  const std::int64_t now = now_seconds();
  const std::int64_t date = message.internal_date != 0 ? message.internal_date : now;
  // One writer job is one SAVEPOINT: an error in either part rolls back both.
  return write([&](Connection& c, ChangeSet& changes) -> Result<Accepted> {
    Accepted out;
    if (content) {
      auto local = insert_delivery(c, changes, message, *content, date, targets);
      if (!local) return local.error();
      out.local = std::move(*local);
    }
    if (outbound) {
      auto id = sqlite::insert_outbound(c, *outbound, now);
      if (!id) return id.error();
      out.outbound_id = *id;
    }
    return out;
  });
}

Result<std::vector<MessageMeta>> SqliteStore::list_messages(MailboxId mailbox) {
  return read([&](Connection& c) { return sqlite::list_messages(c, mailbox); });
}

Result<ChangesSince> SqliteStore::changes_since(MailboxId mailbox, ModSeq modseq) {
  return read([&](Connection& c) -> Result<ChangesSince> {
    ReadSnapshot snapshot(c);
    KURIR_TRY(snapshot.status());
    return sqlite::changes_since(c, mailbox, modseq);
  });
}

Result<std::string> SqliteStore::read_content(std::int64_t content_id) {
  return read([&](Connection& c) { return read_content_bytes(c, content_id); });
}

Result<mime::ParsedMessage> SqliteStore::read_structure(std::int64_t content_id) {
  auto blob = read([&](Connection& c) { return read_content_structure(c, content_id); });
  if (!blob) return blob.error();
  auto parsed = mime::decode(*blob);
  if (!parsed) {
    return make_error(Errc::corrupt, "stored structure of content " + std::to_string(content_id) +
                                         " does not decode: " + parsed.error().message);
  }
  return parsed;
}

Result<FlagResult> SqliteStore::change_flags(MailboxId mailbox, std::span<const Uid> uids, const FlagChange& change) {
  for (const std::string& k : change.flags.keywords) KURIR_TRY(check_keyword(k));
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::change_flags(c, changes, mailbox, uids, change); });
}

Result<ModSeq> SqliteStore::expunge(MailboxId mailbox, std::span<const Uid> uids) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::expunge(c, changes, mailbox, uids); });
}

Result<std::vector<Appended>> SqliteStore::copy(MailboxId from, std::span<const Uid> uids, MailboxId to) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::copy(c, changes, from, uids, to, false); });
}

Result<std::vector<Appended>> SqliteStore::move(MailboxId from, std::span<const Uid> uids, MailboxId to) {
  return write([&](Connection& c, ChangeSet& changes) { return sqlite::copy(c, changes, from, uids, to, true); });
}

Result<std::vector<Uid>> SqliteStore::search_text(MailboxId mailbox, std::string_view query) {
  return read([&](Connection& c) { return sqlite::search_text(c, mailbox, query); });
}

Subscription SqliteStore::subscribe(AccountId account, ChangeCallback callback) {
  return feed_.subscribe(account, std::move(callback));
}

}  // namespace kurir::store::sqlite
