// search_keys.cpp: every search key of RFC 9051 6.4.4 (and RFC 3501's
// NEW/OLD/RECENT), RFC 7162 3.1.5 MODSEQ, RFC 5032 OLDER/YOUNGER, nesting,
// RETURN options (RFC 4731) and sort criteria (RFC 5256, RFC 5957).
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::imap {
namespace {

using test::expect_prefixes_fail_cleanly;
using test::parse_bad;
using test::parse_ok;
using K = SearchKey::Kind;

SearchKey only_key(std::string_view program) {
  const auto search = parse_ok<Search>("t SEARCH " + std::string(program));
  EXPECT_EQ(search.keys.size(), 1u) << program;
  return search.keys.empty() ? SearchKey{} : search.keys[0];
}

TEST(SearchKeys, FlagKeysWithoutArguments) {
  const std::pair<std::string_view, K> cases[] = {
      {"ALL", K::all},
      {"ANSWERED", K::answered},
      {"DELETED", K::deleted},
      {"DRAFT", K::draft},
      {"FLAGGED", K::flagged},
      {"SEEN", K::seen},
      {"RECENT", K::recent},
      {"NEW", K::new_},
      {"OLD", K::old},
      {"UNANSWERED", K::unanswered},
      {"UNDELETED", K::undeleted},
      {"UNDRAFT", K::undraft},
      {"UNFLAGGED", K::unflagged},
      {"unseen", K::unseen},
  };
  for (const auto& [name, kind] : cases) {
    EXPECT_EQ(only_key(name).kind, kind) << name;
    EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH " + std::string(name) + " x")))
        << name;
  }
}

TEST(SearchKeys, TextKeys) {
  const std::pair<std::string_view, K> cases[] = {
      {"BCC", K::bcc},         {"BODY", K::body}, {"CC", K::cc}, {"FROM", K::from},
      {"SUBJECT", K::subject}, {"TEXT", K::text}, {"TO", K::to},
  };
  for (const auto& [name, kind] : cases) {
    for (std::string_view arg : {"word", "\"two words\"", "{3}\r\nl\xC3\xA4"}) {
      const auto key = only_key(std::string(name) + " " + std::string(arg));
      EXPECT_EQ(key.kind, kind) << name;
      EXPECT_EQ(key.text, arg == "word" ? "word" : arg[0] == '"' ? "two words" : "l\xC3\xA4") << name;
    }
    EXPECT_NE(
        parse_bad("t SEARCH " + std::string(name)).text.find("missing the argument of " + std::string(name)),
        std::string::npos);
  }
  const auto header = only_key("HEADER List-Id \"<list.example>\"");
  EXPECT_EQ(header.kind, K::header);
  EXPECT_EQ(header.field, "List-Id");
  EXPECT_EQ(header.text, "<list.example>");
  EXPECT_EQ(only_key("HEADER X-Empty \"\"").text, "");
  const auto keyword = only_key("KEYWORD $Forwarded");
  EXPECT_EQ(keyword.kind, K::keyword);
  EXPECT_EQ(keyword.text, "$Forwarded");
  EXPECT_EQ(only_key("UNKEYWORD Junk").kind, K::unkeyword);
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH KEYWORD \\Seen")));
}

TEST(SearchKeys, Dates) {
  const std::pair<std::string_view, K> cases[] = {
      {"BEFORE", K::before},         {"ON", K::on},         {"SINCE", K::since},
      {"SENTBEFORE", K::sentbefore}, {"SENTON", K::senton}, {"SENTSINCE", K::sentsince},
  };
  for (const auto& [name, kind] : cases) {
    const auto key = only_key(std::string(name) + " 1-Feb-1994");
    EXPECT_EQ(key.kind, kind);
    EXPECT_EQ(key.date, 8797);  // 1994-02-01
  }
  EXPECT_EQ(only_key("ON \"01-jan-1970\"").date, 0);
  EXPECT_EQ(only_key("ON 31-Dec-1969").date, -1);
  EXPECT_EQ(only_key("ON 29-Feb-2000").date, 11016);
  EXPECT_EQ(only_key("SINCE 28-Nov-2026").date, 20785);
  for (std::string_view bad :
       {"ON 29-Feb-2023", "ON 32-Jan-2024", "ON 0-Jan-2024", "ON 1-Jan-24", "ON 1-January-2024",
        "ON 123-Jan-2024", "ON \"1-Jan-2024", "ON 1 Jan 2024", "ON 31-Apr-2024"})
    EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH " + std::string(bad)))) << bad;
}

TEST(SearchKeys, Numbers) {
  EXPECT_EQ(only_key("LARGER 0").number, 0u);
  EXPECT_EQ(only_key("SMALLER 9223372036854775807").number, 9223372036854775807u);
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH LARGER 9223372036854775808")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH LARGER -1")));
  EXPECT_EQ(only_key("OLDER 86400").kind, K::older);
  EXPECT_EQ(only_key("YOUNGER 1").number, 1u);
  const auto modseq = only_key("MODSEQ \"/flags/\\\\Seen\" shared 0");
  EXPECT_EQ(modseq.kind, K::modseq);
  EXPECT_EQ(modseq.number, 0u);
  EXPECT_EQ(only_key("MODSEQ \"/flags/$Junk\" priv 77").number, 77u);
  EXPECT_NE(parse_bad("t SEARCH MODSEQ \"/flags/x\" mine 1").text.find("priv, shared or all"),
            std::string::npos);
}

TEST(SearchKeys, SetsAndUids) {
  auto key = only_key("1:3,5,*");
  EXPECT_EQ(key.kind, K::sequence_set);
  EXPECT_EQ(key.set.ranges, (std::vector<SeqRange>{{1, 3}, {5, 5}, {kStar, kStar}}));
  key = only_key("UID 10:*");
  EXPECT_EQ(key.kind, K::uid);
  EXPECT_EQ(key.set.ranges, (std::vector<SeqRange>{{10, kStar}}));
  EXPECT_TRUE(only_key("UID $").set.saved);
  EXPECT_TRUE(only_key("$").set.saved);
}

TEST(SearchKeys, NotOrAndGroups) {
  auto key = only_key("OR (FROM a TO b) NOT OR SEEN FLAGGED");
  EXPECT_EQ(key.kind, K::or_);
  ASSERT_EQ(key.children.size(), 2u);
  EXPECT_EQ(key.children[0].kind, K::and_);
  ASSERT_EQ(key.children[0].children.size(), 2u);
  EXPECT_EQ(key.children[0].children[1].kind, K::to);
  EXPECT_EQ(key.children[1].kind, K::not_);
  ASSERT_EQ(key.children[1].children.size(), 1u);
  EXPECT_EQ(key.children[1].children[0].kind, K::or_);
  const auto search = parse_ok<Search>("t SEARCH SEEN (UNSEEN) NOT 1:5");
  EXPECT_EQ(search.keys.size(), 3u);
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH ()")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH (SEEN ) ")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH SEEN  UNSEEN")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH SEEN)")));
}

TEST(SearchKeys, NestingAndCountBounds) {
  std::string deep_or = "t SEARCH";
  for (std::size_t i = 0; i < limits::kMaxImapNesting; ++i) deep_or += " OR SEEN";
  deep_or += " SEEN";
  parse_ok<Search>(deep_or);
  EXPECT_EQ(parse_bad(deep_or.substr(0, 9) + "OR SEEN" + deep_or.substr(8)).code, "LIMIT");
  std::string keys = "t SEARCH SEEN";
  for (std::size_t i = 1; i < limits::kMaxImapSearchKeys; ++i) keys += " SEEN";
  EXPECT_EQ(parse_ok<Search>(keys).keys.size(), limits::kMaxImapSearchKeys);
  EXPECT_EQ(parse_bad(keys + " SEEN").code, "LIMIT");
}

TEST(SearchKeys, CharsetAndReturn) {
  auto search = parse_ok<Search>("t UID SEARCH RETURN (MIN MAX ALL COUNT SAVE) CHARSET utf-8 TEXT x");
  EXPECT_TRUE(search.uid);
  EXPECT_EQ(search.charset, "UTF-8");
  EXPECT_TRUE(search.returns.given && search.returns.min && search.returns.max && search.returns.all &&
              search.returns.count && search.returns.save);
  search = parse_ok<Search>("t SEARCH RETURN () ALL");
  EXPECT_TRUE(search.returns.given && search.returns.all);
  EXPECT_FALSE(search.returns.min);
  search = parse_ok<Search>("t SEARCH ALL");
  EXPECT_FALSE(search.returns.given);
  EXPECT_EQ(search.charset, "");
  // RETURN comes before CHARSET (RFC 4731 3.1); CHARSET needs keys after it.
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH CHARSET UTF-8 RETURN (MIN) ALL")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH CHARSET UTF-8")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SEARCH RETURN (MIN)")));
}

TEST(SearchKeys, SortAndThread) {
  using S = SortKey::Kind;
  auto sort = parse_ok<Sort>(
      "t UID SORT RETURN (COUNT) (REVERSE ARRIVAL cc DATE FROM SIZE SUBJECT TO DISPLAYFROM REVERSE "
      "DISPLAYTO) UTF-8 SEEN");
  EXPECT_TRUE(sort.uid && sort.returns.count);
  EXPECT_EQ(sort.charset, "UTF-8");
  const std::vector<SortKey> expected = {{S::arrival, true}, {S::cc, false},           {S::date, false},
                                         {S::from, false},   {S::size, false},         {S::subject, false},
                                         {S::to, false},     {S::display_from, false}, {S::display_to, true}};
  EXPECT_EQ(sort.criteria, expected);
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SORT () UTF-8 ALL")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t SORT (REVERSE) UTF-8 ALL")));
  const auto thread = parse_ok<Thread>("t THREAD orderedsubject \"UTF-8\" OR SEEN DRAFT");
  EXPECT_EQ(thread.algorithm, ThreadAlgorithm::orderedsubject);
  EXPECT_EQ(thread.charset, "UTF-8");
  EXPECT_EQ(thread.keys.size(), 1u);
}

TEST(SearchKeys, PrefixesFailCleanly) {
  for (std::string_view wire : {"t SEARCH RETURN (MIN MAX) CHARSET UTF-8 OR (FROM {3}\r\nabc SINCE "
                                "\"1-Feb-1994\") NOT MODSEQ \"/flags/\\\\Seen\" all 5",
                                "t UID SORT RETURN (ALL) (REVERSE DATE) UTF-8 HEADER X {2}\r\nab UID 1:*",
                                "t THREAD REFERENCES US-ASCII (SENTON 29-Feb-2024 LARGER 5) YOUNGER 10"})
    expect_prefixes_fail_cleanly(wire);
}

}  // namespace
}  // namespace kurir::imap
