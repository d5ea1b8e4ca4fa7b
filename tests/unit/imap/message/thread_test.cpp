// THREAD (RFC 5256 3 and 4): ORDEREDSUBJECT and REFERENCES over messages
// built here, including the shape of RFC 5256 4's REFERENCES example
// "(2)(3 6 (4 23)(44 7 96))", dummies, the subject merge of step 5, loops,
// duplicate Message-IDs and a reply chain deeper than the bound.
#include "imap/message/thread.hpp"

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "imap/message/calendar.hpp"
#include "support.hpp"

namespace kurir::imap::message {
namespace {

using test::crlf;
using test::make_message;

std::string date_header(unsigned day) {
  return "Date: " + std::to_string(day) + " Jan 2026 12:00:00 +0000\n";
}

class ThreadTest : public ::testing::Test {
 protected:
  // Adds a message; `headers` are extra header lines ("References: ...\n").
  void add(const std::string& subject, unsigned day, const std::string& id, const std::string& headers = {}) {
    std::string text = "Subject: " + subject + "\n" + date_header(day) + headers;
    if (!id.empty()) text += "Message-ID: <" + id + ">\n";
    auto m = make_message(crlf(text + "\nbody\n"), static_cast<store::Uid>(100 + box.messages.size()));
    m.meta.internal_date = days_from_civil(CivilDate{2026, 1, 1}) * 86400;
    box.messages.push_back(std::move(m));
  }

  void filler(std::size_t n) {
    while (box.messages.size() < n) add("filler " + std::to_string(box.messages.size()), 1, "");
  }

  std::string thread(ThreadAlgorithm algorithm, std::vector<std::uint32_t> indexes = {}, bool uid = false) {
    if (indexes.empty()) {
      for (std::uint32_t i = 0; i < box.messages.size(); ++i) indexes.push_back(i);
    }
    const std::vector<store::MessageMeta> metas = box.metas();
    Result<std::vector<ThreadNode>> r = thread_messages(algorithm, indexes, metas, box);
    if (!r) return "error";
    return format_threads(*r, metas, uid);
  }

  test::TestMailbox box;
};

TEST_F(ThreadTest, OrderedSubject) {
  add("Hello", 5, "h1");
  add("Re: hello", 6, "h2");
  add("other", 1, "o1");
  add("Fwd: Hello", 7, "h3");
  add("other", 2, "o2");
  add("single", 3, "s1");
  // RFC 5256 3: threads by base subject, sorted by their first message's
  // date; the second message is the child of the first, the rest its siblings.
  EXPECT_EQ(thread(ThreadAlgorithm::orderedsubject), "(3 5)(6)(1 (2)(4))");
  EXPECT_EQ(thread(ThreadAlgorithm::orderedsubject, {}, true), "(102 104)(105)(100 (101)(103))");
  EXPECT_EQ(thread(ThreadAlgorithm::orderedsubject, {0, 5}), "(6)(1)");
}

TEST_F(ThreadTest, ReferencesTheRfcExampleShape) {
  filler(1);
  add("lonely", 1, "a2");                                // 2
  add("topic", 2, "a3");                                 // 3
  add("Re: topic", 4, "a4", "References: <a3> <a6>\n");  // 4
  filler(5);
  add("Re: topic", 3, "a6", "References: <a3>\n");        // 6
  add("Re: topic", 8, "a7", "References: <a6> <a44>\n");  // 7
  filler(22);
  add("Re: topic", 5, "a23", "References: <a3> <a6>\n <a4>\n");  // 23
  filler(43);
  add("Re: topic", 6, "a44", "In-Reply-To: <a6> (the parent)\n");  // 44
  filler(95);
  add("Re: topic", 9, "a96", "References: <a44> <a7>\n");                // 96
  const std::vector<std::uint32_t> found = {1, 2, 3, 5, 6, 22, 43, 95};  // a SEARCH result
  EXPECT_EQ(thread(ThreadAlgorithm::references, found), "(2)(3 6 (4 23)(44 7 96))");
  const std::vector<store::MessageMeta> metas = box.metas();
  Result<std::vector<ThreadNode>> r = thread_messages(ThreadAlgorithm::references, found, metas, box);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(format_thread_response(*r, metas, false), "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
  EXPECT_EQ(format_thread_response({}, metas, false), "* THREAD\r\n");
}

TEST_F(ThreadTest, ADummyParentWithSeveralChildrenStays) {
  add("x", 1, "m1", "References: <missing>\n");
  add("y", 2, "m2", "In-Reply-To: <missing>\n");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "((1)(2))");
  const std::vector<store::MessageMeta> metas = box.metas();
  std::vector<std::uint32_t> all = {0, 1};
  Result<std::vector<ThreadNode>> r = thread_messages(ThreadAlgorithm::references, all, metas, box);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].index, ThreadNode::kDummy);
}

TEST_F(ThreadTest, ADummyWithOneChildIsPromoted) {
  add("x", 1, "m1", "References: <gone-a> <gone-b>\n");
  add("y", 2, "m2", "References: <m1>\n");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1 2)");
}

TEST_F(ThreadTest, DummiesBelowTheTopAreSplicedIntoTheirParent) {
  add("root", 1, "r");
  add("Re: root", 2, "c1", "References: <r> <lost>\n");
  add("Re: root", 3, "c2", "References: <r> <lost>\n");
  // <lost> is a dummy below 1: its children become 1's children.
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1 (2)(3))");
}

TEST_F(ThreadTest, SubjectMergeOfStepFive) {
  add("Meeting", 1, "p");
  add("Meeting", 2, "q");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "((1)(2))");  // neither a reply: a new dummy holds both
  box.messages.clear();
  add("Meeting", 1, "p");
  add("Re: Meeting", 2, "q");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1 2)");  // the reply goes under the original
  box.messages.clear();
  add("Re: Meeting", 1, "p");
  add("[team] meeting", 2, "q");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(2 1)");  // even when the reply is older
  box.messages.clear();
  add("Meeting", 1, "p");
  add("Meeting", 2, "q");
  add("meeting (fwd)", 3, "r");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "((1)(2)(3))");
  box.messages.clear();
  add("", 1, "p");
  add("", 2, "q");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1)(2)");  // empty subjects never merge
}

TEST_F(ThreadTest, LoopsSelfReferencesAndDuplicateIds) {
  add("a", 1, "m1", "References: <m2>\n");
  add("b", 2, "m2", "References: <m1>\n");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(2 1)");
  box.messages.clear();
  add("a", 1, "self", "References: <self>\n");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1)");
  box.messages.clear();
  // RFC 5256 3 step 1: the first message keeps a duplicated ID.
  add("first", 1, "dup");
  add("second", 2, "dup");
  add("reply", 3, "r", "References: <dup>\n");
  add("no id", 4, "");
  EXPECT_EQ(thread(ThreadAlgorithm::references), "(1 3)(2)(4)");
}

TEST_F(ThreadTest, ADeepChainIsCutAtTheBound) {
  const std::size_t n = limits::kMaxImapThreadDepth + 500;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string refs = i == 0 ? "" : "References: <c" + std::to_string(i - 1) + ">\n";
    add("chain " + std::to_string(i), 1, "c" + std::to_string(i), refs);
  }
  const std::vector<store::MessageMeta> metas = box.metas();
  std::vector<std::uint32_t> all;
  for (std::uint32_t i = 0; i < n; ++i) all.push_back(i);
  Result<std::vector<ThreadNode>> r = thread_messages(ThreadAlgorithm::references, all, metas, box);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  std::size_t depth = 0;
  for (const ThreadNode* t = &(*r)[0]; !t->children.empty(); t = &t->children.front()) ++depth;
  EXPECT_LT(depth, limits::kMaxImapThreadDepth);
  const std::string text = format_threads(*r, metas, false);
  EXPECT_EQ(text.rfind("(1 2 3 ", 0), 0u);
  EXPECT_NE(text.find(" " + std::to_string(n) + ")"), std::string::npos);
}

}  // namespace
}  // namespace kurir::imap::message
