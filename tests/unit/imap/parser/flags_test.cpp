// flags.cpp: RFC 9051 9 flag, flag-list and flag-keyword, through STORE and APPEND.
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::imap {
namespace {

using test::parse_bad;
using test::parse_ok;

FlagList flags_of(std::string_view list) {
  return parse_ok<Store>("t STORE 1 FLAGS " + std::string(list)).flags;
}

TEST(Flags, SystemFlagsAreBitsInAnyCase) {
  const auto f = flags_of("(\\Seen \\ANSWERED \\flagged \\Deleted \\Draft)");
  EXPECT_EQ(f.flags.system,
            store::kSeen | store::kAnswered | store::kFlagged | store::kDeleted | store::kDraft);
  EXPECT_TRUE(f.flags.keywords.empty());
  EXPECT_TRUE(f.other.empty());
}

TEST(Flags, KeywordsSortedAndUnique) {
  const auto f = flags_of("($Junk Work $Junk $Forwarded work)");
  EXPECT_EQ(f.flags.keywords, (std::vector<std::string>{"$Forwarded", "$Junk", "Work", "work"}));
}

TEST(Flags, RecentAndExtensionsKeptForTheHandler) {
  const auto f = flags_of("(\\Recent \\Important \\Seen)");
  EXPECT_EQ(f.flags.system, store::kSeen);
  EXPECT_EQ(f.other, (std::vector<std::string>{"\\Recent", "\\Important"}));
}

TEST(Flags, BareAndEmptyLists) {
  EXPECT_EQ(flags_of("\\Seen $Label1").flags.keywords, std::vector<std::string>{"$Label1"});
  EXPECT_EQ(flags_of("()").flags.system, 0);
  EXPECT_TRUE(parse_ok<Append>("t APPEND x () {1}\r\nm").messages[0].flags.flags.keywords.empty());
}

TEST(Flags, Malformed) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"(\\*)", "\"\\*\" is not a flag"},
      {"(\\)", "a flag name after \"\\\""},
      {"(\\Seen", "\")\" closing the flag list"},
      {"( \\Seen)", "a flag"},
      {"(\\Seen  \\Draft)", "a flag"},
      {"(\"quoted\")", "a flag"},
      {"(a]b)", "\")\" closing the flag list"},
  };
  for (const auto& [list, error] : cases) {
    const auto bad = parse_bad("t STORE 1 FLAGS " + std::string(list));
    EXPECT_NE(bad.text.find(error), std::string::npos) << list << " -> " << bad.text;
  }
}

TEST(Flags, KeywordLengthBound) {
  const std::string longest(limits::kMaxKeywordBytes, 'k');
  EXPECT_EQ(flags_of("(" + longest + ")").flags.keywords, std::vector<std::string>{longest});
  EXPECT_NE(parse_bad("t STORE 1 FLAGS (" + longest + "k)").text.find("keyword longer than"),
            std::string::npos);
  EXPECT_NE(parse_bad("t STORE 1 FLAGS (\\" + longest + ")").text.find("flag name longer than"),
            std::string::npos);
}

}  // namespace
}  // namespace kurir::imap
