// sequence_set.cpp: RFC 9051 9 sequence-set and RFC 5182 "$", through the
// commands that carry one.
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::imap {
namespace {

using test::parse_bad;
using test::parse_ok;

SequenceSet set_of(std::string_view text) {
  return parse_ok<Copy>("t COPY " + std::string(text) + " x").set;
}

TEST(SequenceSet, Forms) {
  EXPECT_EQ(set_of("1").ranges, (std::vector<SeqRange>{{1, 1}}));
  EXPECT_EQ(set_of("*").ranges, (std::vector<SeqRange>{{kStar, kStar}}));
  EXPECT_EQ(set_of("4:2").ranges, (std::vector<SeqRange>{{4, 2}}));  // kept as written
  EXPECT_EQ(set_of("1:*,7,9:10").ranges, (std::vector<SeqRange>{{1, kStar}, {7, 7}, {9, 10}}));
  EXPECT_EQ(set_of("*:5").ranges, (std::vector<SeqRange>{{kStar, 5}}));
  EXPECT_EQ(set_of("4294967295").ranges, (std::vector<SeqRange>{{4294967295u, 4294967295u}}));
  EXPECT_EQ(set_of("007").ranges, (std::vector<SeqRange>{{7, 7}}));
  const auto saved = set_of("$");
  EXPECT_TRUE(saved.saved);
  EXPECT_TRUE(saved.ranges.empty());
}

TEST(SequenceSet, Malformed) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"0", "start at 1"},          {"1:0", "start at 1"},
      {"1,", "a sequence number"},  {",1", "a sequence number"},
      {"1:", "a sequence number"},  {"1::2", "a sequence number"},
      {"4294967296", "too large"},  {"$,1", "a space before the target mailbox"},
      {"1,$", "a sequence number"}, {"1 2", "the end of the command"},
      {"-1", "a sequence number"},  {"1:2:3", "a space before"},
  };
  for (const auto& [text, error] : cases) {
    const auto bad = parse_bad("t COPY " + std::string(text) + " x");
    EXPECT_NE(bad.text.find(error), std::string::npos) << text << " -> " << bad.text;
  }
  EXPECT_NE(parse_bad("t COPY ").text.find("missing a sequence number"), std::string::npos);
}

TEST(SequenceSet, RangeBound) {
  std::string text = "1";
  for (std::size_t i = 1; i < limits::kMaxImapSequenceRanges; ++i) text += ",1";
  EXPECT_EQ(set_of(text).ranges.size(), limits::kMaxImapSequenceRanges);
  EXPECT_EQ(parse_bad("t COPY " + text + ",1 x").code, "LIMIT");
}

TEST(SequenceSet, KnownUidsRefuseStar) {
  EXPECT_NE(parse_bad("t SELECT x (QRESYNC (1 1 (1:* 1:5)))").text.find("\"*\" is not allowed"),
            std::string::npos);
  EXPECT_NE(parse_bad("t SELECT x (QRESYNC (1 1 $))").text.find("\"$\""), std::string::npos);
}

}  // namespace
}  // namespace kurir::imap
