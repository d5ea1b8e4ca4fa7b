// Group commit (DESIGN.md "Durability"): one writer thread owns the database's
// write connection. Callers enqueue a job (a function run against that
// connection) and block; the writer takes every queued job (up to
// max_batch), runs each inside its own SAVEPOINT within one BEGIN IMMEDIATE
// transaction (a failing job rolls back alone and gets its own error),
// COMMITs once (one fsync of the WAL for the whole batch), then wakes the
// callers and publishes the batch's changes. A caller hears success only
// after the commit that holds its job is on stable storage.
//
// Thread-safety: run() from any thread except the writer thread itself (a
// job must not call run(): it would wait for itself).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.hpp"
#include "store/sqlite/change_feed.hpp"
#include "store/sqlite/database.hpp"

namespace kurir::store::sqlite {

class Writer {
 public:
  // A job: runs inside the writer's transaction; records what it changed.
  using Job = std::function<Status(Connection&, ChangeSet&)>;

  // REQUIRES: max_batch >= 1. origin marks this process's change_log rows.
  Writer(std::unique_ptr<Connection> connection, std::size_t max_batch, ChangeFeed& feed, std::int64_t origin);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  // Runs every queued job, then stops the thread and closes the connection.
  ~Writer();

  // Runs job in the next commit; returns its status once that commit is
  // durable (or the job's own error, or the commit's). Fails unavailable
  // after shutdown began.
  Status run(Job job);

  // Counters for tests and the benchmark.
  std::uint64_t commits() const;
  std::uint64_t transactions() const;
  // Jobs waiting for the writer (not counting the batch being run).
  std::size_t queued() const;

 private:
  struct Pending {
    Job job;
    Status status;
    bool done = false;
  };

  void loop();
  // Runs and commits one batch, setting each job's status; returns the changes to publish.
  ChangeSet run_batch(std::deque<Pending*>& batch);
  Status write_change_log(const ChangeSet& changes);

  std::unique_ptr<Connection> connection_;
  const std::size_t max_batch_;
  ChangeFeed& feed_;
  const std::int64_t origin_;

  mutable std::mutex mutex_;
  std::condition_variable work_cv_;  // the writer waits for jobs
  std::condition_variable done_cv_;  // callers wait for their job's commit
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::uint64_t transactions_ = 0;
  std::thread thread_;
};

}  // namespace kurir::store::sqlite
