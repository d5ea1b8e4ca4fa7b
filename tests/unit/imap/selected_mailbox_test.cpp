#include "imap/selected_mailbox.hpp"

#include <gtest/gtest.h>

namespace kurir::imap {
namespace {

store::MessageMeta meta(store::Uid uid, store::ModSeq modseq, std::uint8_t flags = 0) {
  store::MessageMeta m;
  m.uid = uid;
  m.modseq = modseq;
  m.flags.system = flags;
  return m;
}

// UIDs 3, 5, 9 at HIGHESTMODSEQ 10.
SelectedMailbox three() {
  store::Mailbox box;
  box.id = 1;
  box.uidvalidity = 77;
  box.uidnext = 10;
  box.highestmodseq = 10;
  return SelectedMailbox(box, {meta(3, 4), meta(5, 6), meta(9, 10)}, false);
}

SequenceSet set(std::vector<SeqRange> ranges) {
  return SequenceSet{std::move(ranges), false};
}

TEST(SelectedMailbox, ResolvesSequenceNumbersAndUids) {
  auto box = three();
  // RFC 9051 9: "*" is the last; "3:1" is "1:3".
  EXPECT_EQ(box.resolve(set({{3, 1}}), false, {}), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(box.resolve(set({{kStar, kStar}}), false, {}), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(box.resolve(set({{4, 4}}), false, {}), std::nullopt);  // past the last message
  EXPECT_EQ(box.resolve(set({{0, 1}}), false, {}), std::nullopt);
  // UIDs that do not exist are skipped; "10:*" still names the last (RFC 9051 6.4.9).
  EXPECT_EQ(box.resolve(set({{4, 9}}), true, {}), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(box.resolve(set({{10, kStar}}), true, {}), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(box.resolve(set({{1, 2}}), true, {}), (std::vector<std::uint32_t>{}));
  // RFC 5182: "$" is the saved UIDs still present.
  const std::vector<store::Uid> saved{5, 6};
  EXPECT_EQ(box.resolve(SequenceSet{{}, true}, true, saved), (std::vector<std::uint32_t>{1}));
}

TEST(SelectedMailbox, HoldsExpungesBackUntilAllowedAndNeverShrinksWithExists) {
  auto box = three();
  store::ChangesSince changes;
  changes.expunged = {5};
  changes.changed = {meta(11, 12)};  // a new message
  changes.highestmodseq = 12;
  // RFC 9051 7.5.1: during FETCH by sequence number, no EXPUNGE; the new
  // message counts on top of the one still shown.
  EXPECT_EQ(box.apply(changes, UpdateRules{false, false, false}), "* 4 EXISTS\r\n");
  EXPECT_EQ(box.count(), 4u);
  EXPECT_TRUE(box.expunge_pending(1));
  EXPECT_EQ(box.highest_modseq(), 10u);  // not past the held-back expunge
  EXPECT_EQ(box.seen_modseq(), 12u);
  // Later, when allowed: the EXPUNGE with the number the client knows.
  EXPECT_EQ(box.apply(store::ChangesSince{{}, {}, 12}, UpdateRules{true, false, false}), "* 2 EXPUNGE\r\n");
  EXPECT_EQ(box.count(), 3u);
  EXPECT_EQ(box.highest_modseq(), 12u);
  EXPECT_EQ(box.index_of(11), 2u);
}

TEST(SelectedMailbox, ExpungesInDescendingOrderOrAsVanished) {
  auto box = three();
  store::ChangesSince changes{{}, {3, 9}, 11};
  EXPECT_EQ(box.apply(changes, UpdateRules{true, false, false}), "* 3 EXPUNGE\r\n* 1 EXPUNGE\r\n");
  auto qresync = three();
  // RFC 7162 3.2.10: VANISHED with the UIDs, once QRESYNC is enabled.
  EXPECT_EQ(qresync.apply(changes, UpdateRules{true, true, true}), "* VANISHED 3,9\r\n");
  EXPECT_EQ(qresync.count(), 1u);
}

TEST(SelectedMailbox, ReportsFlagChangesOnceAndIgnoresUnknownExpunges) {
  auto box = three();
  // This session's STORE updates the view first; the feed then repeats it.
  auto mine = meta(3, 11, store::kSeen);
  ASSERT_EQ(box.update(mine), 0u);
  auto theirs = meta(9, 12, store::kFlagged);
  store::ChangesSince changes{{mine, theirs}, {100}, 12};
  EXPECT_EQ(box.apply(changes, UpdateRules{true, false, true}),
            "* 3 FETCH (UID 9 FLAGS (\\Flagged) MODSEQ (12))\r\n");
  EXPECT_EQ(box.count(), 3u);
}

// A store row as list_messages gives it: the fields a UID never changes.
store::MessageMeta row(store::Uid uid, store::ModSeq modseq, std::uint8_t flags) {
  auto m = meta(uid, modseq, flags);
  m.size = 1000 + uid;
  m.content_id = 500 + uid;
  return m;
}

TEST(SelectedMailbox, CompactsWhileIdleAndRestoresWhatTheClientWasTold) {
  store::Mailbox mailbox;
  mailbox.id = 1;
  mailbox.highestmodseq = 10;
  auto kept = row(5, 6, 0);
  kept.flags.keywords = {"$Label1"};
  SelectedMailbox box(mailbox, {row(3, 4, 0), kept, row(9, 10, 0)}, false);
  box.compact();
  EXPECT_TRUE(box.compacted());
  EXPECT_EQ(box.count(), 0u);
  // Meanwhile: 3 flagged by another session, 5 expunged, 11 arrived. The
  // rows read now carry those changes; the view must not take them in
  // before apply() reports them.
  box.restore({row(3, 12, store::kFlagged), row(9, 10, 0), row(11, 13, 0)});
  EXPECT_FALSE(box.compacted());
  ASSERT_EQ(box.count(), 3u);
  EXPECT_EQ(box.messages()[0].flags.system, 0);
  EXPECT_EQ(box.messages()[0].modseq, 4u);
  EXPECT_EQ(box.messages()[0].content_id, 503);
  EXPECT_EQ(box.messages()[1].uid, 5u);
  EXPECT_EQ(box.messages()[1].flags.keywords, std::vector<std::string>{"$Label1"});
  EXPECT_EQ(box.messages()[2].size, 1009u);
  store::ChangesSince changes{{row(3, 12, store::kFlagged), row(11, 13, 0)}, {5}, 13};
  EXPECT_EQ(box.apply(changes, UpdateRules{true, false, false}),
            "* 1 FETCH (UID 3 FLAGS (\\Flagged))\r\n* 2 EXPUNGE\r\n* 3 EXISTS\r\n");
}

}  // namespace
}  // namespace kurir::imap
