// SORT (RFC 5256 3, RFC 5957) over five messages built here: every
// criterion, REVERSE, several criteria, ties by sequence number.
#include "imap/message/sort.hpp"

#include <gtest/gtest.h>

#include "imap/message/calendar.hpp"
#include "support.hpp"

namespace kurir::imap::message {
namespace {

using Kind = SortKey::Kind;
using test::crlf;
using test::make_message;

std::int64_t jan(unsigned d) {
  return days_from_civil(CivilDate{2026, 1, d}) * 86400;
}

class SortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add("From: \"Zed\" <b@x>\nTo: \"Anna\" <y@z>\nCc: m@c\nSubject: Re: beta\n"
        "Date: Sat, 3 Jan 2026 12:00:00 +0000\n\nx\n",
        jan(20), 300);
    add("From: a@x\nTo: c@z\nSubject: alpha\n\nx\n", jan(2),
        100);  // no Date: the internal date is the sent date
    add("From: \"alice\" <C@x>\nTo: \"bob\" <b@z>\nSubject: [list] Beta\n"
        "Date: Thu, 1 Jan 2026 12:00:00 +0000\n\nx\n",
        jan(5), 200);
    add("From: B@x\nSubject: ALPHA\nDate: Sat, 3 Jan 2026 12:00:00 +0000\n\nx\n", jan(3), 100);
    add("Date: Sun, 4 Jan 2026 12:00:00 +0000\n\nx\n", jan(1), 50);
  }

  void add(const std::string& text, std::int64_t internal, std::uint64_t size) {
    auto m = make_message(crlf(text), static_cast<store::Uid>(box.messages.size() + 10));
    m.meta.internal_date = internal;
    m.meta.size = size;
    box.messages.push_back(std::move(m));
  }

  std::string sort(std::vector<SortKey> criteria, std::vector<std::uint32_t> indexes = {0, 1, 2, 3, 4}) {
    const std::vector<store::MessageMeta> metas = box.metas();
    Result<std::vector<std::uint32_t>> r = sort_messages(indexes, criteria, metas, box);
    if (!r) return "error";
    std::string out;
    for (const std::uint32_t i : *r) out += (out.empty() ? "" : " ") + std::to_string(i + 1);
    return out;
  }

  test::TestMailbox box;
};

SortKey by(Kind kind, bool reverse = false) {
  return SortKey{kind, reverse};
}

TEST_F(SortTest, EachCriterion) {
  EXPECT_EQ(sort({by(Kind::arrival)}), "5 2 4 3 1");
  EXPECT_EQ(sort({by(Kind::size)}), "5 2 4 3 1");  // 2 and 4 tie at 100: sequence order
  EXPECT_EQ(box.structure_loads, 0u);              // neither needs the parse
  EXPECT_EQ(sort({by(Kind::date)}), "3 2 1 4 5");  // 2 falls back to its internal date (2 Jan)
  EXPECT_EQ(sort({by(Kind::from)}), "5 2 1 4 3");  // mailboxes "", a, b, b, c (case-folded)
  EXPECT_EQ(sort({by(Kind::to)}), "4 5 3 2 1");
  EXPECT_EQ(sort({by(Kind::cc)}), "2 3 4 5 1");
  EXPECT_EQ(sort({by(Kind::subject)}), "5 2 4 1 3");       // base subjects "", alpha, alpha, beta, beta
  EXPECT_EQ(sort({by(Kind::display_from)}), "5 2 3 4 1");  // "", a@x, alice, b@x, zed
  EXPECT_EQ(sort({by(Kind::display_to)}), "4 5 1 3 2");    // "", "", anna, bob, c@z
}

TEST_F(SortTest, ReverseKeepsTiesInSequenceOrder) {
  EXPECT_EQ(sort({by(Kind::date, true)}), "5 1 4 2 3");
  EXPECT_EQ(sort({by(Kind::size, true)}), "1 3 2 4 5");
}

TEST_F(SortTest, SeveralCriteria) {
  EXPECT_EQ(sort({by(Kind::subject), by(Kind::date, true)}), "5 4 2 1 3");
  EXPECT_EQ(sort({by(Kind::size), by(Kind::from, true)}), "5 4 2 3 1");
}

TEST_F(SortTest, OnlyTheGivenMessages) {
  EXPECT_EQ(sort({by(Kind::date)}, {4, 0}), "1 5");
  EXPECT_EQ(sort({by(Kind::date)}, {}), "");
  EXPECT_EQ(box.structure_loads, 2u);
}

TEST(SortResponse, Format) {
  const std::vector<std::uint32_t> n = {2, 84, 882};
  EXPECT_EQ(format_sort_response(n), "* SORT 2 84 882\r\n");  // RFC 5256 4's example
  EXPECT_EQ(format_sort_response({}), "* SORT\r\n");
}

TEST(SortDate, SentDateFallsBackToTheInternalDate) {
  store::MessageMeta meta;
  meta.internal_date = 77;
  mime::ParsedMessage p;
  EXPECT_EQ(sent_date(p, meta), 77);
  p.date = 5;
  EXPECT_EQ(sent_date(p, meta), 5);
}

}  // namespace
}  // namespace kurir::imap::message
