// The change feed: announces (account, mailbox, modseq) to in-process
// subscribers after each commit (DESIGN.md "Changes are published"), and
// watches the database for commits made by other processes (the CLI,
// another `kurir serve`) through PRAGMA data_version and the change_log table.
//
// Thread-safety: subscribe/unsubscribe/publish from any thread. Callbacks
// run on the thread that publishes (the writer or the poller). Once a
// Subscription is destroyed its callback is not running and will not run
// again (a callback may destroy its own Subscription).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/database.hpp"
#include "store/store.hpp"

namespace kurir::store::sqlite {

// The changes made by one transaction; merged per commit.
using ChangeSet = std::vector<Change>;

class ChangeFeed {
 public:
  ChangeFeed() = default;
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;
  ~ChangeFeed();

  Subscription subscribe(AccountId account, ChangeCallback callback);
  // Calls the subscribers of each change's account.
  void publish(const ChangeSet& changes);

  // Starts the poller thread: every poll_ms it checks data_version on its own
  // connection and publishes change_log rows written by other origins.
  // REQUIRES: not started; poll_ms > 0.
  Status start_external_watch(const std::filesystem::path& path, std::int64_t origin, int poll_ms);
  // Stops the poller (also done by the destructor).
  void stop();

 private:
  struct Subscriber {
    ChangeCallback callback;
    std::recursive_mutex running;  // held while the callback runs
    bool alive = true;
  };
  void unsubscribe(AccountId account, const std::shared_ptr<Subscriber>& subscriber);
  void poll_loop(int poll_ms);
  Status poll_once();

  std::mutex mutex_;
  std::multimap<AccountId, std::shared_ptr<Subscriber>> subscribers_;

  // Poller state; the connection and counters are used by the poller thread only.
  std::unique_ptr<Connection> poll_connection_;
  std::int64_t origin_ = 0;
  std::int64_t last_data_version_ = -1;
  std::int64_t last_seq_ = 0;
  std::mutex poll_mutex_;
  std::condition_variable poll_cv_;
  bool stopping_ = false;
  std::thread poller_;
};

// Merges changes so each (account, mailbox) appears once with its highest modseq.
ChangeSet merge_changes(const ChangeSet& changes);

}  // namespace kurir::store::sqlite
