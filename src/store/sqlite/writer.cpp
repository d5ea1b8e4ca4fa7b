#include "store/sqlite/writer.hpp"

#include <exception>
#include <string>
#include <vector>

namespace kurir::store::sqlite {

namespace {

// change_log rows kept for other processes to read; older ones are pruned.
constexpr std::int64_t kChangeLogKeep = 10000;
constexpr std::uint64_t kPruneEveryCommits = 256;

Status run_guarded(Writer::Job& job, Connection& connection, ChangeSet& changes) {
  try {
    return job(connection, changes);
  } catch (const std::exception& e) {
    return make_error(Errc::internal, std::string("store write failed: ") + e.what());
  } catch (...) {
    return make_error(Errc::internal, "store write failed: unknown exception");
  }
}

}  // namespace

Writer::Writer(std::unique_ptr<Connection> connection, std::size_t max_batch, ChangeFeed& feed, std::int64_t origin)
    : connection_(std::move(connection)), max_batch_(max_batch == 0 ? 1 : max_batch), feed_(feed), origin_(origin) {
  thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  connection_.reset();
}

Status Writer::run(Job job) {
  Pending pending;
  pending.job = std::move(job);
  std::unique_lock lock(mutex_);
  if (stopping_) return make_error(Errc::unavailable, "store is shutting down");
  queue_.push_back(&pending);
  work_cv_.notify_one();
  done_cv_.wait(lock, [&] { return pending.done; });
  return std::move(pending.status);
}

std::uint64_t Writer::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

std::uint64_t Writer::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

std::size_t Writer::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void Writer::loop() {
  std::deque<Pending*> batch;
  std::unique_lock lock(mutex_);
  while (true) {
    work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and drained
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    ChangeSet published = run_batch(batch);
    lock.lock();
    commits_ += 1;
    transactions_ += batch.size();
    // After this the callers may return and their Pending records vanish.
    for (Pending* p : batch) p->done = true;
    batch.clear();
    done_cv_.notify_all();
    if (!published.empty()) {
      lock.unlock();
      feed_.publish(published);
      lock.lock();
    }
  }
}

ChangeSet Writer::run_batch(std::deque<Pending*>& batch) {
  Connection& c = *connection_;
  auto fail_all = [&](const Error& e) {
    for (Pending* p : batch) {
      if (p->status.ok()) p->status = e;
    }
  };
  // IMMEDIATE takes the write lock now, waiting (busy timeout) for another
  // process's writer, instead of failing later at the first write.
  if (auto st = c.exec("BEGIN IMMEDIATE"); !st) {
    fail_all(st.error());
    return {};
  }
  ChangeSet committed;
  for (Pending* p : batch) {
    ChangeSet changes;
    Status status = c.exec("SAVEPOINT job");
    if (status.ok()) {
      status = run_guarded(p->job, c, changes);
      if (!c.in_transaction()) {
        // SQLite rolled the whole transaction back (disk full, I/O error):
        // every job of the batch is lost, not just this one.
        p->status = status.ok() ? make_error(Errc::io, "store transaction aborted") : status;
        fail_all(p->status.error());
        return {};
      }
      if (status.ok()) {
        status = c.exec("RELEASE job");
      } else {
        (void)c.exec("ROLLBACK TO job");
        (void)c.exec("RELEASE job");
      }
    }
    if (status.ok()) committed.insert(committed.end(), changes.begin(), changes.end());
    p->status = std::move(status);
  }
  ChangeSet merged = merge_changes(committed);
  Status st = write_change_log(merged);
  if (st.ok()) st = c.exec("COMMIT");
  if (!st.ok()) {
    if (c.in_transaction()) (void)c.exec("ROLLBACK");
    fail_all(st.error());
    return {};
  }
  return merged;
}

Status Writer::write_change_log(const ChangeSet& changes) {
  Connection& c = *connection_;
  for (const Change& change : changes) {
    auto st = c.prepare("INSERT INTO change_log(origin, account_id, mailbox_id, modseq) VALUES (?1, ?2, ?3, ?4)");
    if (!st) return st.error();
    st->bind(1, origin_).bind(2, change.account).bind(3, change.mailbox).bind(4, static_cast<std::int64_t>(change.modseq));
    KURIR_TRY(st->run());
  }
  std::uint64_t commits = 0;
  {
    std::lock_guard lock(mutex_);
    commits = commits_;
  }
  if (commits % kPruneEveryCommits == 0) {
    auto st = c.prepare("DELETE FROM change_log WHERE seq < (SELECT max(seq) FROM change_log) - ?1");
    if (!st) return st.error();
    st->bind(1, kChangeLogKeep);
    KURIR_TRY(st->run());
  }
  return {};
}

}  // namespace kurir::store::sqlite
