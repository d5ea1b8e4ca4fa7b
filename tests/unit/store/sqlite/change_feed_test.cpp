#include "store/sqlite/change_feed.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "store_fixture.hpp"

namespace kurir::store::sqlite::testing {
namespace {

using ChangeFeedTest = StoreTest;

struct Recorder {
  Waiter waiter;
  std::vector<Change> seen;
  ChangeCallback callback() {
    return [this](const Change& c) {
      std::lock_guard lock(waiter.mutex);
      seen.push_back(c);
      waiter.cv.notify_all();
    };
  }
  bool wait_for(MailboxId mailbox, ModSeq modseq) {
    return waiter.wait([&] {
      for (const Change& c : seen) {
        if (c.mailbox == mailbox && c.modseq >= modseq) return true;
      }
      return false;
    });
  }
};

TEST_F(ChangeFeedTest, InProcessSubscribersHearTheirAccount) {
  Account a = make_account("a@example.org");
  Account b = make_account("b@example.org");
  Recorder ra, rb;
  Subscription sa = store_->subscribe(a.id, ra.callback());
  Subscription sb = store_->subscribe(b.id, rb.callback());
  MailboxId inbox = mailbox_id(a.id);
  auto r = store_->append(inbox, message("x"));
  ASSERT_TRUE(r.ok());
  // Published after the commit, before or soon after append returns.
  ASSERT_TRUE(ra.wait_for(inbox, r->modseq));
  {
    std::lock_guard lock(ra.waiter.mutex);
    EXPECT_EQ(ra.seen.back().account, a.id);
  }
  ASSERT_TRUE(store_->create_mailbox(a.id, "New", SpecialUse::none).ok());
  ASSERT_TRUE(ra.wait_for(0, 0));  // the mailbox list changed
  // b may still hear of its own creation (published after add_account returned), never of a's changes.
  std::lock_guard lock(rb.waiter.mutex);
  for (const Change& c : rb.seen) EXPECT_EQ(c.account, b.id);
}

TEST_F(ChangeFeedTest, NoCallbacksAfterUnsubscribe) {
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  Recorder gone, kept;
  {
    Subscription s = store_->subscribe(a.id, gone.callback());
  }
  Subscription k = store_->subscribe(a.id, kept.callback());
  auto r = store_->append(inbox, message("x"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(kept.wait_for(inbox, r->modseq));
  std::lock_guard lock(gone.waiter.mutex);
  EXPECT_TRUE(gone.seen.empty());
}

TEST_F(ChangeFeedTest, CallbackMayUnsubscribeItself) {
  Account a = make_account();
  Waiter waiter;
  Subscription s;
  int calls = 0;
  s = store_->subscribe(a.id, [&](const Change& c) {
    // The account's creation may be announced late, while s is still being assigned.
    if (c.mailbox == 0) return;
    std::lock_guard lock(waiter.mutex);
    ++calls;
    s = Subscription();
    waiter.cv.notify_all();
  });
  ASSERT_TRUE(store_->append(mailbox_id(a.id), message("x")).ok());
  ASSERT_TRUE(waiter.wait([&] { return calls > 0; }));
  ASSERT_TRUE(store_->append(mailbox_id(a.id), message("y")).ok());
  std::lock_guard lock(waiter.mutex);
  EXPECT_EQ(calls, 1);
}

// A second Store on the same file stands in for the CLI process.
TEST_F(ChangeFeedTest, ChangesFromAnotherProcessArrive) {
  store_.reset();
  store_ = open(OpenOptions{.max_batch = 512, .external_poll_ms = 10});
  Account a = make_account();
  MailboxId inbox = mailbox_id(a.id);
  Recorder recorder;
  Subscription s = store_->subscribe(a.id, recorder.callback());

  auto other = open(OpenOptions{.max_batch = 512, .external_poll_ms = 0});
  ASSERT_NE(other, nullptr);
  auto r = other->append(inbox, message("from the CLI"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(recorder.wait_for(inbox, r->modseq));
  ASSERT_TRUE(other->create_mailbox(a.id, "Made elsewhere", SpecialUse::none).ok());
  ASSERT_TRUE(recorder.wait_for(0, 0));
  // And the first store reads the other's rows.
  EXPECT_EQ(store_->get_mailbox(inbox)->messages, 1u);
}

TEST(MergeChanges, KeepsTheHighestModseqPerMailbox) {
  ChangeSet merged = merge_changes({{1, 10, 5}, {1, 10, 7}, {1, 11, 2}, {2, 10, 1}, {1, 10, 6}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].modseq, 7u);
  EXPECT_EQ(merged[1].mailbox, 11);
  EXPECT_EQ(merged[2].account, 2);
}

}  // namespace
}  // namespace kurir::store::sqlite::testing
