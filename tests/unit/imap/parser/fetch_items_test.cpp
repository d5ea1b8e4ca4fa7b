// fetch_items.cpp: RFC 9051 6.4.5 fetch-att, section, partial; RFC 3516
// BINARY; RFC 7162 MODSEQ and the FETCH modifiers (in message_commands.cpp).
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "support.hpp"

namespace kurir::imap {
namespace {

using test::expect_prefixes_fail_cleanly;
using test::parse_bad;
using test::parse_ok;
using K = FetchItem::Kind;
using T = Section::Text;

FetchItem only_item(std::string_view item) {
  const auto fetch = parse_ok<Fetch>("t FETCH 1 " + std::string(item));
  EXPECT_EQ(fetch.items.size(), 1u) << item;
  return fetch.items.empty() ? FetchItem{} : fetch.items[0];
}

TEST(FetchItems, SimpleItems) {
  const std::pair<std::string_view, K> cases[] = {
      {"ENVELOPE", K::envelope},
      {"FLAGS", K::flags},
      {"INTERNALDATE", K::internaldate},
      {"RFC822", K::rfc822},
      {"RFC822.HEADER", K::rfc822_header},
      {"RFC822.SIZE", K::rfc822_size},
      {"RFC822.TEXT", K::rfc822_text},
      {"BODY", K::body},
      {"BODYSTRUCTURE", K::bodystructure},
      {"uid", K::uid},
      {"MODSEQ", K::modseq},
      {"SAVEDATE", K::savedate},
      {"EMAILID", K::emailid},
      {"THREADID", K::threadid},
  };
  for (const auto& [name, kind] : cases) {
    EXPECT_EQ(only_item(name).kind, kind) << name;
    EXPECT_EQ(only_item("(" + std::string(name) + ")").kind, kind) << name;
  }
}

TEST(FetchItems, Sections) {
  struct Case {
    std::string_view item;
    std::vector<std::uint32_t> part;
    T text;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"BODY[]", {}, T::none, {}},
      {"BODY[HEADER]", {}, T::header, {}},
      {"BODY[TEXT]", {}, T::text, {}},
      {"BODY[1]", {1}, T::none, {}},
      {"BODY[1.2.3]", {1, 2, 3}, T::none, {}},
      {"BODY[1.2.MIME]", {1, 2}, T::mime, {}},
      {"BODY[4.HEADER]", {4}, T::header, {}},
      {"BODY[4.TEXT]", {4}, T::text, {}},
      {"BODY[header.fields (DATE FROM)]", {}, T::header_fields, {"DATE", "FROM"}},
      {"BODY[3.HEADER.FIELDS.NOT (\"X-A\" {3}\r\nX-B)]", {3}, T::header_fields_not, {"X-A", "X-B"}},
  };
  for (const auto& c : cases) {
    const auto item = only_item(c.item);
    EXPECT_EQ(item.kind, K::body_section) << c.item;
    EXPECT_FALSE(item.peek);
    EXPECT_EQ(item.section.part, c.part) << c.item;
    EXPECT_EQ(item.section.text, c.text) << c.item;
    EXPECT_EQ(item.section.fields, c.fields) << c.item;
    EXPECT_FALSE(item.partial);
  }
  EXPECT_TRUE(only_item("BODY.PEEK[1]").peek);
  EXPECT_EQ(only_item("BODY.PEEK[]<0.1>").partial, (Partial{0, 1}));
  EXPECT_EQ(only_item("BODY[]<9223372036854775807.9223372036854775807>").partial,
            (Partial{9223372036854775807u, 9223372036854775807u}));
}

TEST(FetchItems, Binary) {
  auto item = only_item("BINARY.PEEK[1.2]<5.10>");
  EXPECT_EQ(item.kind, K::binary);
  EXPECT_TRUE(item.peek);
  EXPECT_EQ(item.section.part, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(item.partial, (Partial{5, 10}));
  item = only_item("BINARY.SIZE[]");
  EXPECT_EQ(item.kind, K::binary_size);
  EXPECT_TRUE(item.section.part.empty());
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t FETCH 1 BINARY.SIZE[1]<0.5>")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t FETCH 1 BINARY[1.MIME]")));
  EXPECT_FALSE(std::holds_alternative<Command>(parse_command("t FETCH 1 BINARY")));
}

TEST(FetchItems, Malformed) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"BODY[0]", "must not be 0"},
      {"BODY[1.]", "HEADER, HEADER.FIELDS"},
      {"BODY[HEADER.FIELDS]", "a space before the header field list"},
      {"BODY[HEADER.FIELDS ()]", "a header field name"},
      {"BODY[HEADER.FIELDS (A]", "\")\" closing the header field list"},
      {"BODY[TEXT", "\"]\" closing the body section"},
      {"BODY[]<1>", "\".\" in <offset.length>"},
      {"BODY[]<1.2", "\">\" closing <offset.length>"},
      {"BODY[]<1.9223372036854775808>", "too large"},
      {"()", "a FETCH item"},
      {"(FLAGS", "\")\" closing the FETCH item list"},
      {"(FLAGS  UID)", "a FETCH item"},
      {"(FAST)", "the macro FAST cannot be inside"},
      {"ALL FLAGS", "\"(\" starting the FETCH modifiers"},
      {"RFC822.BOGUS", "unknown FETCH item \"RFC822.BOGUS\""},
  };
  for (const auto& [item, error] : cases) {
    const auto bad = parse_bad("t FETCH 1 " + std::string(item));
    EXPECT_NE(bad.text.find(error), std::string::npos) << item << " -> " << bad.text;
  }
}

TEST(FetchItems, Modifiers) {
  auto fetch = parse_ok<Fetch>("t FETCH 1:* (FLAGS) (CHANGEDSINCE 9223372036854775807)");
  EXPECT_EQ(fetch.changed_since, 9223372036854775807u);
  EXPECT_FALSE(fetch.vanished);
  fetch = parse_ok<Fetch>("t UID FETCH 1:* FLAGS (VANISHED CHANGEDSINCE 3)");
  EXPECT_TRUE(fetch.vanished);
  EXPECT_EQ(fetch.changed_since, 3u);
  EXPECT_FALSE(parse_ok<Fetch>("t FETCH 1 FLAGS").changed_since);
  EXPECT_NE(parse_bad("t FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)").text.find("twice"),
            std::string::npos);
  EXPECT_NE(parse_bad("t FETCH 1 FLAGS (BOGUS)").text.find("unknown FETCH modifier"), std::string::npos);
  EXPECT_NE(parse_bad("t FETCH 1 FLAGS ()").text.find("a FETCH modifier"), std::string::npos);
}

TEST(FetchItems, Bounds) {
  std::string items = "t FETCH 1 (UID";
  for (std::size_t i = 1; i < limits::kMaxImapFetchItems; ++i) items += " UID";
  EXPECT_EQ(parse_ok<Fetch>(items + ")").items.size(), limits::kMaxImapFetchItems);
  EXPECT_EQ(parse_bad(items + " UID)").code, "LIMIT");
  std::string fields = "t FETCH 1 BODY[HEADER.FIELDS (A";
  for (std::size_t i = 1; i < limits::kMaxImapHeaderFieldNames; ++i) fields += " A";
  EXPECT_EQ(parse_ok<Fetch>(fields + ")]").items[0].section.fields.size(), limits::kMaxImapHeaderFieldNames);
  EXPECT_EQ(parse_bad(fields + " A)]").code, "LIMIT");
}

TEST(FetchItems, PrefixesFailCleanly) {
  expect_prefixes_fail_cleanly(
      "t UID FETCH 1:*,$ (BODY.PEEK[1.2.HEADER.FIELDS.NOT (X-A {3}\r\nX-B)]<0.10> BINARY[1] BINARY.SIZE[2] "
      "ENVELOPE) "
      "(CHANGEDSINCE 5 VANISHED)");
}

}  // namespace
}  // namespace kurir::imap
