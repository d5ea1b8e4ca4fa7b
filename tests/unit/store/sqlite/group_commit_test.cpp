#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "store/sqlite/schema.hpp"
#include "store/sqlite/writer.hpp"
#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using GroupCommitTest = StoreTest;

TEST_F(GroupCommitTest, ConcurrentDeliveriesToOneMailboxLoseNothing) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::vector<Uid>> uids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string tag = std::to_string(t) + "-" + std::to_string(i);
        std::vector<DeliveryTarget> target{{a.id, "INBOX"}};
        auto r = store_->deliver(message("m " + tag, "body " + tag, tag + "@test"), target);
        if (!r.ok()) {
          ++failures;
          continue;
        }
        uids[static_cast<std::size_t>(t)].push_back((*r)[0].uid);
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  std::set<Uid> all;
  for (const auto& per : uids) {
    for (std::size_t i = 1; i < per.size(); ++i) EXPECT_LT(per[i - 1], per[i]);  // increasing per caller
    all.insert(per.begin(), per.end());
  }
  constexpr std::size_t kTotal = kThreads * kPerThread;
  EXPECT_EQ(all.size(), kTotal);
  EXPECT_EQ(*all.begin(), 1u);
  EXPECT_EQ(*all.rbegin(), kTotal);
  auto listed = store_->list_messages(inbox);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), kTotal);
  auto box = store_->get_mailbox(inbox);
  EXPECT_EQ(box->messages, kTotal);
  EXPECT_EQ(box->uidnext, kTotal + 1);
  EXPECT_LE(store_->commits(), store_->transactions());
}

// Drives a Writer directly: a first job holds the writer until the others
// are queued, so the second commit holds all of them.
class WriterTest : public StoreTest {
 protected:
  std::unique_ptr<Writer> make_writer(std::size_t max_batch) {
    store_.reset();  // the Writer under test is the only one
    auto c = Connection::open(db_path(), OpenMode::writer);
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE(migrate(**c).ok());
    EXPECT_TRUE((*c)->exec("CREATE TABLE IF NOT EXISTS t(v INTEGER UNIQUE)").ok());
    return std::make_unique<Writer>(std::move(*c), max_batch, feed_, 1);
  }

  static Writer::Job insert(std::int64_t v) {
    return [v](Connection& c, ChangeSet&) -> Status {
      auto st = c.prepare("INSERT INTO t(v) VALUES (?1)");
      if (!st) return st.error();
      st->bind(1, v);
      return st->run();
    };
  }

  // Runs `first` to completion only after `others` jobs are queued behind it.
  void run_batched(Writer& writer, std::vector<Writer::Job> others, std::vector<Status>& results) {
    const std::size_t n = others.size();
    std::atomic<bool> started{false};
    std::thread holder([&] {
      Status st = writer.run([&](Connection&, ChangeSet&) -> Status {
        started = true;
        // Generous bound: the callers below enqueue within microseconds.
        for (int i = 0; i < 10000 && writer.queued() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return {};
      });
      EXPECT_TRUE(st.ok());
    });
    while (!started) std::this_thread::yield();
    results.resize(n);
    std::vector<std::thread> callers;
    for (std::size_t i = 0; i < n; ++i) {
      callers.emplace_back([&, i] { results[i] = writer.run(std::move(others[i])); });
    }
    for (auto& t : callers) t.join();
    holder.join();
  }

  std::int64_t count_rows() {
    auto c = Connection::open(db_path(), OpenMode::reader);
    auto st = (*c)->prepare("SELECT count(*) FROM t");
    EXPECT_TRUE(st->step().ok());
    return st->integer(0);
  }

  ChangeFeed feed_;
};

TEST_F(WriterTest, ConcurrentJobsShareOneCommit) {
  auto writer = make_writer(512);
  std::vector<Writer::Job> jobs;
  for (int i = 0; i < 20; ++i) jobs.push_back(insert(i));
  std::vector<Status> results;
  run_batched(*writer, std::move(jobs), results);
  for (const Status& st : results) EXPECT_TRUE(st.ok());
  EXPECT_EQ(writer->transactions(), 21u);
  EXPECT_EQ(writer->commits(), 2u);
  EXPECT_EQ(count_rows(), 20);
}

TEST_F(WriterTest, AFailingJobRollsBackAlone) {
  auto writer = make_writer(512);
  ASSERT_TRUE(writer->run(insert(7)).ok());
  std::vector<Writer::Job> jobs;
  jobs.push_back(insert(1));
  jobs.push_back([](Connection& c, ChangeSet&) -> Status {
    KURIR_TRY(c.exec("INSERT INTO t(v) VALUES (100)"));
    return make_error(Errc::invalid_argument, "changed my mind");
  });
  jobs.push_back(insert(7));  // violates UNIQUE
  jobs.push_back(insert(2));
  std::vector<Status> results;
  run_batched(*writer, std::move(jobs), results);
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().code, Errc::invalid_argument);
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().code, Errc::conflict);
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(writer->commits(), 3u);
  EXPECT_EQ(count_rows(), 3);
}

TEST_F(WriterTest, MaxBatchOneCommitsEachJob) {
  auto writer = make_writer(1);
  std::vector<Writer::Job> jobs;
  for (int i = 0; i < 5; ++i) jobs.push_back(insert(i));
  std::vector<Status> results;
  run_batched(*writer, std::move(jobs), results);
  EXPECT_EQ(writer->transactions(), 6u);
  EXPECT_EQ(writer->commits(), 6u);
  EXPECT_EQ(count_rows(), 5);
}

TEST_F(WriterTest, DestructorDrainsTheQueue) {
  auto writer = make_writer(512);
  std::vector<std::thread> callers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 10; ++i) {
    callers.emplace_back([&, i] {
      if (writer->run(insert(i)).ok()) ++ok;
    });
  }
  for (auto& t : callers) t.join();
  writer.reset();
  EXPECT_EQ(ok.load(), 10);
  EXPECT_EQ(count_rows(), 10);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
