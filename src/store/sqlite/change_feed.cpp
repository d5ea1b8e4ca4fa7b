#include "store/sqlite/change_feed.hpp"

#include <algorithm>
#include <chrono>

namespace kurir::store::sqlite {

ChangeSet merge_changes(const ChangeSet& changes) {
  std::map<std::pair<AccountId, MailboxId>, ModSeq> merged;
  for (const Change& c : changes) {
    auto& m = merged[{c.account, c.mailbox}];
    m = std::max(m, c.modseq);
  }
  ChangeSet out;
  out.reserve(merged.size());
  for (const auto& [key, modseq] : merged) out.push_back(Change{key.first, key.second, modseq});
  return out;
}

ChangeFeed::~ChangeFeed() { stop(); }

Subscription ChangeFeed::subscribe(AccountId account, ChangeCallback callback) {
  auto subscriber = std::make_shared<Subscriber>();
  subscriber->callback = std::move(callback);
  {
    std::lock_guard lock(mutex_);
    subscribers_.emplace(account, subscriber);
  }
  // The Store (and so this feed) outlives its subscriptions: the caller's contract.
  return Subscription([this, account, subscriber] { unsubscribe(account, subscriber); });
}

void ChangeFeed::unsubscribe(AccountId account, const std::shared_ptr<Subscriber>& subscriber) {
  {
    std::lock_guard lock(mutex_);
    auto [begin, end] = subscribers_.equal_range(account);
    for (auto it = begin; it != end; ++it) {
      if (it->second == subscriber) {
        subscribers_.erase(it);
        break;
      }
    }
  }
  // Wait for a running callback to finish (or re-enter when called from it).
  std::lock_guard running(subscriber->running);
  subscriber->alive = false;
}

void ChangeFeed::publish(const ChangeSet& changes) {
  for (const Change& change : changes) {
    std::vector<std::shared_ptr<Subscriber>> targets;
    {
      std::lock_guard lock(mutex_);
      auto [begin, end] = subscribers_.equal_range(change.account);
      for (auto it = begin; it != end; ++it) targets.push_back(it->second);
    }
    for (const auto& subscriber : targets) {
      std::lock_guard running(subscriber->running);
      if (!subscriber->alive) continue;
      try {
        subscriber->callback(change);
      } catch (...) {
        // A subscriber's failure must not stop the writer; callbacks are documented not to throw.
      }
    }
  }
}

Status ChangeFeed::start_external_watch(const std::filesystem::path& path, std::int64_t origin, int poll_ms) {
  auto connection = Connection::open(path, OpenMode::reader);
  if (!connection) return connection.error();
  poll_connection_ = std::move(*connection);
  origin_ = origin;
  {
    auto st = poll_connection_->prepare("SELECT coalesce(max(seq), 0) FROM change_log");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    last_seq_ = st->integer(0);
  }
  {
    auto st = poll_connection_->prepare("PRAGMA data_version");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    last_data_version_ = st->integer(0);
  }
  poller_ = std::thread([this, poll_ms] { poll_loop(poll_ms); });
  return {};
}

void ChangeFeed::stop() {
  {
    std::lock_guard lock(poll_mutex_);
    stopping_ = true;
  }
  poll_cv_.notify_all();
  if (poller_.joinable()) poller_.join();
  poll_connection_.reset();
}

void ChangeFeed::poll_loop(int poll_ms) {
  std::unique_lock lock(poll_mutex_);
  while (!stopping_) {
    poll_cv_.wait_for(lock, std::chrono::milliseconds(poll_ms), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    // A failed poll (the database busy with a checkpoint, say) is retried next time.
    (void)poll_once();
    lock.lock();
  }
}

Status ChangeFeed::poll_once() {
  {
    // data_version changes when another connection (ours or another process's) committed.
    auto st = poll_connection_->prepare("PRAGMA data_version");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    std::int64_t version = st->integer(0);
    if (version == last_data_version_) return {};
    last_data_version_ = version;
  }
  ChangeSet changes;
  {
    auto st = poll_connection_->prepare(
        "SELECT seq, account_id, mailbox_id, modseq, origin FROM change_log WHERE seq > ?1 ORDER BY seq");
    if (!st) return st.error();
    st->bind(1, last_seq_);
    // Our own commits were published by the writer; only other origins' rows are news.
    while (true) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      last_seq_ = st->integer(0);
      if (st->integer(4) == origin_) continue;
      changes.push_back(Change{st->integer(1), st->integer(2), static_cast<ModSeq>(st->integer(3))});
    }
  }
  publish(merge_changes(changes));
  return {};
}

}  // namespace kurir::store::sqlite
