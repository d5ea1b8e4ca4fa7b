// SEARCH evaluation (RFC 9051 6.4.4, RFC 7162 3.1.5, RFC 5032, RFC 5182) over a
// three-message mailbox built here, every key; and the SEARCH/ESEARCH
// responses (RFC 4731).
#include "imap/message/search.hpp"

#include <gtest/gtest.h>

#include "imap/message/calendar.hpp"
#include "support.hpp"

namespace kurir::imap::message {
namespace {

using Kind = SearchKey::Kind;
using test::crlf;
using test::make_message;

std::int64_t day(std::int64_t y, unsigned m, unsigned d) {
  return days_from_civil(CivilDate{y, m, d});
}
std::int64_t at(std::int64_t y, unsigned m, unsigned d, std::int64_t seconds) {
  return day(y, m, d) * 86400 + seconds;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m1 = make_message(crlf("From: =?UTF-8?Q?=C3=89lodie_Dupont?= <elodie@example.fr>\n"
                                "To: bob@example.com\n"
                                "Cc: carol@example.net\n"
                                "Bcc: \"Secret Sam\" <sam@example.org>\n"
                                "Subject: =?UTF-8?Q?Caf=C3=A9?= menu\n"
                                "Date: Mon, 2 Mar 2026 23:30:00 -0200\n"
                                "X-Priority: 1\n"
                                "\n"
                                "The soup of the day is tomato.\n"),
                           3);
    m1.meta.flags.system = store::kSeen | store::kAnswered;
    m1.meta.flags.keywords = {"Work"};
    m1.meta.internal_date = at(2026, 3, 3, 12 * 3600);
    m1.meta.modseq = 10;
    auto m2 = make_message(crlf("From: bob@example.com\n"
                                "To: alice@example.org\n"
                                "Subject: Re: CAFÉ menu\n"
                                "Date: Wed, 4 Mar 2026 08:00:00 +0000\n"
                                "Content-Type: multipart/alternative; boundary=b\n"
                                "\n"
                                "--b\n"
                                "Content-Type: text/plain; charset=utf-8\n"
                                "\n"
                                "Ich möchte GRÜNEN Tee\n"
                                "--b--\n"),
                           5);
    m2.meta.flags.system = store::kFlagged | store::kDraft;
    m2.meta.internal_date = at(2026, 3, 4, 9 * 3600);
    m2.meta.modseq = 20;
    auto m3 = make_message(crlf("From: dave@example.net\n"
                                "Subject: invoice\n"
                                "Content-Type: multipart/mixed; boundary=b\n"
                                "\n"
                                "--b\n"
                                "Content-Type: text/plain\n"
                                "\n"
                                "Invoice attached\n"
                                "--b\n"
                                "Content-Type: application/pdf\n"
                                "Content-Transfer-Encoding: base64\n"
                                "\n" +
                                std::string(2000, 'A') +
                                "\n"
                                "--b--\n"),
                           9);
    m3.meta.flags.system = store::kDeleted;
    m3.meta.internal_date = at(2026, 3, 5, 0);
    m3.meta.modseq = 15;
    box.messages = {m1, m2, m3};
    metas = box.metas();
    context.messages = metas;
    context.now = at(2026, 3, 5, 3600);
  }

  // Sequence numbers of the matches, space-separated.
  std::string run(std::vector<SearchKey> program) {
    Result<SearchResult> r = search_messages(program, context, box);
    if (!r) return "error: " + r.error().message;
    last = *r;
    std::string out;
    for (const std::uint32_t i : r->indexes) out += (out.empty() ? "" : " ") + std::to_string(i + 1);
    return out;
  }

  test::TestMailbox box;
  std::vector<store::MessageMeta> metas;
  SearchContext context;
  SearchResult last;
};

SearchKey key(Kind kind) {
  SearchKey k;
  k.kind = kind;
  return k;
}
SearchKey text(Kind kind, std::string t, std::string field = {}) {
  SearchKey k = key(kind);
  k.text = std::move(t);
  k.field = std::move(field);
  return k;
}
SearchKey number(Kind kind, std::uint64_t n) {
  SearchKey k = key(kind);
  k.number = n;
  return k;
}
SearchKey date(Kind kind, std::int64_t d) {
  SearchKey k = key(kind);
  k.date = d;
  return k;
}
SearchKey set(Kind kind, std::vector<SeqRange> ranges, bool saved = false) {
  SearchKey k = key(kind);
  k.set.ranges = std::move(ranges);
  k.set.saved = saved;
  return k;
}
SearchKey node(Kind kind, std::vector<SearchKey> children) {
  SearchKey k = key(kind);
  k.children = std::move(children);
  return k;
}

TEST_F(SearchTest, FlagKeysReadOnlyTheMeta) {
  EXPECT_EQ(run({key(Kind::all)}), "1 2 3");
  EXPECT_EQ(run({key(Kind::answered)}), "1");
  EXPECT_EQ(run({key(Kind::deleted)}), "3");
  EXPECT_EQ(run({key(Kind::draft)}), "2");
  EXPECT_EQ(run({key(Kind::flagged)}), "2");
  EXPECT_EQ(run({key(Kind::seen)}), "1");
  EXPECT_EQ(run({key(Kind::unanswered)}), "2 3");
  EXPECT_EQ(run({key(Kind::undeleted)}), "1 2");
  EXPECT_EQ(run({key(Kind::undraft)}), "1 3");
  EXPECT_EQ(run({key(Kind::unflagged)}), "1 3");
  EXPECT_EQ(run({key(Kind::unseen)}), "2 3");
  EXPECT_EQ(run({text(Kind::keyword, "work")}), "1");  // keywords compare case-insensitively
  EXPECT_EQ(run({text(Kind::unkeyword, "WORK")}), "2 3");
  EXPECT_EQ(run({text(Kind::keyword, "$Junk")}), "");
  // No message is recent unless the session says so.
  EXPECT_EQ(run({key(Kind::recent)}), "");
  EXPECT_EQ(run({key(Kind::new_)}), "");
  EXPECT_EQ(run({key(Kind::old)}), "1 2 3");
  const std::vector<store::Uid> recent = {3, 5};
  context.recent = recent;
  EXPECT_EQ(run({key(Kind::recent)}), "1 2");
  EXPECT_EQ(run({key(Kind::new_)}), "2");  // RECENT UNSEEN
  EXPECT_EQ(run({key(Kind::old)}), "3");
  EXPECT_EQ(box.structure_loads, 0u);
  EXPECT_EQ(box.content_loads, 0u);
}

TEST_F(SearchTest, SequenceSetsUidsAndTheSavedResult) {
  EXPECT_EQ(run({set(Kind::sequence_set, {{2, kStar}})}), "2 3");
  EXPECT_EQ(run({set(Kind::sequence_set, {{3, 1}})}), "1 2 3");  // "3:1" is "1:3"
  EXPECT_EQ(run({set(Kind::sequence_set, {{kStar, kStar}})}), "3");
  EXPECT_EQ(run({set(Kind::sequence_set, {{1, 1}, {3, 3}})}), "1 3");
  EXPECT_EQ(run({set(Kind::uid, {{5, kStar}})}), "2 3");
  EXPECT_EQ(run({set(Kind::uid, {{4, 4}})}), "");
  EXPECT_EQ(run({set(Kind::uid, {{100, kStar}})}), "3");  // "*" is UID 9: 9:100
  const std::vector<store::Uid> saved = {3, 9};
  context.saved = saved;
  EXPECT_EQ(run({set(Kind::sequence_set, {}, true)}), "1 3");  // RFC 5182 "$"
  EXPECT_EQ(run({set(Kind::uid, {}, true)}), "1 3");
  EXPECT_EQ(run({node(Kind::not_, {set(Kind::sequence_set, {}, true)})}), "2");
  EXPECT_EQ(box.structure_loads, 0u);
}

TEST_F(SearchTest, AddressKeysMatchDecodedTextCaseInsensitively) {
  EXPECT_EQ(run({text(Kind::from, "élodie")}), "1");  // É folded to é
  EXPECT_EQ(run({text(Kind::from, "EXAMPLE.COM")}), "2");
  EXPECT_EQ(run({text(Kind::from, "example")}), "1 2 3");
  EXPECT_EQ(run({text(Kind::to, "alice")}), "2");
  EXPECT_EQ(run({text(Kind::to, "bob@")}), "1");
  EXPECT_EQ(run({text(Kind::cc, "CAROL")}), "1");
  EXPECT_EQ(run({text(Kind::bcc, "secret sam")}), "1");
  EXPECT_EQ(run({text(Kind::bcc, "sam@example.org")}), "1");
  EXPECT_EQ(run({text(Kind::bcc, "bob")}), "");
  EXPECT_EQ(run({text(Kind::subject, "café")}), "1 2");
  EXPECT_EQ(run({text(Kind::subject, "RE: caf")}), "2");
  EXPECT_EQ(run({text(Kind::subject, "")}), "1 2 3");
  EXPECT_EQ(box.content_loads, 0u);  // the parse is enough
}

TEST_F(SearchTest, BodyTextAndHeaderKeys) {
  EXPECT_EQ(run({text(Kind::body, "grünen TEE")}), "2");
  EXPECT_EQ(run({text(Kind::body, "tomato")}), "1");
  EXPECT_EQ(run({text(Kind::body, "bob@example.com")}), "");  // BODY is not the header
  EXPECT_EQ(run({text(Kind::text, "bob@example.com")}), "1 2");
  EXPECT_EQ(run({text(Kind::text, "TOMATO")}), "1");
  EXPECT_EQ(run({text(Kind::text, "invoice attached")}), "3");
  EXPECT_EQ(run({text(Kind::text, "application/PDF")}), "3");  // a MIME header of an inner part
  EXPECT_EQ(run({text(Kind::body, "application/pdf")}), "");
  EXPECT_EQ(run({text(Kind::header, "", "x-priority")}), "1");  // an empty string: the field exists
  EXPECT_EQ(run({text(Kind::header, "1", "X-PRIORITY")}), "1");
  EXPECT_EQ(run({text(Kind::header, "2", "X-Priority")}), "");
  EXPECT_EQ(run({text(Kind::header, "café", "subject")}), "1 2");      // decoded
  EXPECT_EQ(run({text(Kind::header, "=?utf-8?q?", "subject")}), "1");  // and as written
  EXPECT_EQ(run({text(Kind::header, "", "Date")}), "1 2");
}

TEST_F(SearchTest, FullTextIndexNarrowsOnceThenTheTextConfirms) {
  box.index = std::vector<store::Uid>{5};
  EXPECT_EQ(run({text(Kind::body, "tee")}), "2");
  EXPECT_EQ(box.queries, std::vector<std::string>{"tee"});  // one query for the key, not one per message
  box.queries.clear();
  // The index says UID 3 does not match: it is not read, whatever its text.
  EXPECT_EQ(run({text(Kind::body, "tomato")}), "");
  // The index's candidates are confirmed: "soup tomato" is words of message 1, not a substring.
  box.index = std::vector<store::Uid>{3, 5, 9};
  EXPECT_EQ(run({text(Kind::body, "soup tomato")}), "");
  EXPECT_EQ(run({text(Kind::body, "soup of")}), "1");
  box.index = std::vector<store::Uid>{9};
  EXPECT_EQ(run({text(Kind::text, "dave")}), "3");
  EXPECT_EQ(run({text(Kind::text, "bob")}), "");
  // A string with no letter or digit is not looked up in the index.
  box.queries.clear();
  box.index = std::vector<store::Uid>{};
  EXPECT_EQ(run({text(Kind::body, ".")}), "1");
  EXPECT_TRUE(box.queries.empty());
  // Without an index (unavailable) every message is scanned.
  box.index.reset();
  EXPECT_EQ(run({text(Kind::text, "bob")}), "1 2");
}

TEST_F(SearchTest, DateKeysTakeUtcDays) {
  EXPECT_EQ(run({date(Kind::before, day(2026, 3, 4))}), "1");
  EXPECT_EQ(run({date(Kind::on, day(2026, 3, 4))}), "2");
  EXPECT_EQ(run({date(Kind::since, day(2026, 3, 4))}), "2 3");
  EXPECT_EQ(run({date(Kind::on, day(2026, 3, 5))}), "3");  // midnight belongs to its day
  // Message 1 was sent on 2 March at 23:30 -0200 (3 March in UTC): the
  // written day counts (RFC 9051 6.4.4 "disregarding time and timezone").
  // Message 3 has no Date:.
  EXPECT_EQ(run({date(Kind::senton, day(2026, 3, 2))}), "1");
  EXPECT_EQ(run({date(Kind::senton, day(2026, 3, 3))}), "");
  EXPECT_EQ(run({date(Kind::sentbefore, day(2026, 3, 4))}), "1");
  EXPECT_EQ(run({date(Kind::sentbefore, day(2026, 3, 2))}), "");
  EXPECT_EQ(run({date(Kind::sentsince, day(2026, 3, 1))}), "1 2");
  EXPECT_EQ(run({date(Kind::sentsince, day(2026, 3, 5))}), "");
  // RFC 5032: OLDER is strictly older than now - n; YOUNGER includes it.
  EXPECT_EQ(run({number(Kind::younger, 3600)}), "3");
  EXPECT_EQ(run({number(Kind::older, 3600)}), "1 2");
  EXPECT_EQ(run({number(Kind::younger, 3599)}), "");
}

TEST_F(SearchTest, SizeAndModseq) {
  const std::uint64_t s1 = metas[0].size;
  const std::uint64_t s3 = metas[2].size;
  ASSERT_GT(s3, s1);
  EXPECT_EQ(run({number(Kind::larger, s1)}), metas[1].size > s1 ? "2 3" : "3");
  EXPECT_EQ(run({number(Kind::smaller, s3)}), "1 2");
  EXPECT_EQ(run({number(Kind::smaller, s1)}), metas[1].size < s1 ? "2" : "");
  EXPECT_FALSE(last.modseq_key);
  EXPECT_EQ(run({number(Kind::modseq, 15)}), "2 3");
  EXPECT_TRUE(last.modseq_key);
  EXPECT_EQ(last.highest_modseq, 20u);
  EXPECT_EQ(run({node(Kind::not_, {number(Kind::modseq, 15)})}), "1");
  EXPECT_TRUE(last.modseq_key);  // RFC 7162 3.1.5: any MODSEQ criterion
  EXPECT_EQ(last.highest_modseq, 10u);
}

TEST_F(SearchTest, AndOrNot) {
  EXPECT_EQ(run({node(Kind::or_, {key(Kind::seen), key(Kind::flagged)})}), "1 2");
  EXPECT_EQ(run({node(Kind::not_, {key(Kind::seen)})}), "2 3");
  EXPECT_EQ(run({text(Kind::from, "bob"), key(Kind::draft)}), "2");  // implicit AND
  EXPECT_EQ(run({node(Kind::and_, {text(Kind::from, "bob"), key(Kind::seen)})}), "");
  EXPECT_EQ(run({node(Kind::or_, {node(Kind::not_, {key(Kind::deleted)}), text(Kind::subject, "invoice")}),
                 set(Kind::uid, {{4, kStar}})}),
            "2 3");
}

TEST_F(SearchTest, LoadsOnlyWhatAKeyNeeds) {
  EXPECT_EQ(run({key(Kind::seen), text(Kind::subject, "menu")}), "1");
  EXPECT_EQ(box.structure_loads, 1u);  // AND stops at the first false key: only message 1 got that far
  EXPECT_EQ(box.content_loads, 0u);
  box.structure_loads = 0;
  EXPECT_EQ(run({text(Kind::header, "", "x-priority"), text(Kind::subject, "menu")}), "1");
  EXPECT_EQ(box.content_loads, 3u);
  EXPECT_EQ(box.structure_loads, 3u);  // once per message, shared by both keys
}

TEST_F(SearchTest, SourceErrorsStopTheSearch) {
  class Failing : public test::TestMailbox {
   public:
    Result<const mime::ParsedMessage*> structure(std::size_t) override {
      return make_error(Errc::io, "disk on fire");
    }
  } failing;
  failing.messages = box.messages;
  std::vector<SearchKey> program = {text(Kind::subject, "x")};
  Result<SearchResult> r = search_messages(program, context, failing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::io);
  class BadIndex : public test::TestMailbox {
   public:
    Result<std::vector<store::Uid>> full_text(std::string_view) override {
      return make_error(Errc::io, "fts");
    }
  } bad_index;
  bad_index.messages = box.messages;
  program = {text(Kind::body, "x")};
  EXPECT_FALSE(search_messages(program, context, bad_index).ok());
}

TEST(SearchResponse, ReturnedMatches) {
  const std::vector<std::uint32_t> n = {2, 5, 9};
  const auto returned = [&](bool min, bool max, bool all, bool count, std::span<const std::uint32_t> in) {
    SearchReturn r;
    r.given = true;
    r.min = min;
    r.max = max;
    r.all = all;
    r.count = count;
    return returned_matches(in, r);
  };
  using V = std::vector<std::uint32_t>;
  EXPECT_EQ(returned(true, false, false, false, n), V({2}));
  EXPECT_EQ(returned(false, true, false, false, n), V({9}));
  EXPECT_EQ(returned(true, true, false, false, n), V({2, 9}));
  EXPECT_EQ(returned(true, true, false, false, V{4}), V({4}));
  EXPECT_EQ(returned(true, false, false, true, n), n);  // COUNT describes them all
  EXPECT_EQ(returned(false, false, false, false, n), n);
  EXPECT_EQ(returned(true, true, false, false, V{}), V{});
  std::vector<store::MessageMeta> metas(10);
  for (std::size_t i = 0; i < metas.size(); ++i) metas[i].modseq = 100 - i;
  EXPECT_EQ(highest_modseq(V{2, 9}, metas), 98u);
  EXPECT_EQ(highest_modseq(V{}, metas), 0u);
}

TEST(SearchResponse, Search) {
  const std::vector<std::uint32_t> n = {2, 5, 9};
  EXPECT_EQ(format_search_response(n, std::nullopt), "* SEARCH 2 5 9\r\n");
  EXPECT_EQ(format_search_response(n, 917162500), "* SEARCH 2 5 9 (MODSEQ 917162500)\r\n");
  EXPECT_EQ(format_search_response({}, 917162500), "* SEARCH\r\n");
}

TEST(SearchResponse, Esearch) {
  const std::vector<std::uint32_t> n = {2, 10, 11};
  SearchReturn r;
  r.given = true;
  r.all = true;
  EXPECT_EQ(format_esearch_response("A283", false, r, n, std::nullopt),
            "* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n");
  r = SearchReturn{};
  r.given = true;
  r.min = r.max = true;
  EXPECT_EQ(format_esearch_response("A285", true, r, n, std::nullopt),
            "* ESEARCH (TAG \"A285\") UID MIN 2 MAX 11\r\n");
  r.count = true;
  r.all = true;
  EXPECT_EQ(format_esearch_response("A", false, r, n, 77),
            "* ESEARCH (TAG \"A\") MIN 2 MAX 11 ALL 2,10:11 COUNT 3 MODSEQ 77\r\n");
  // An empty result: COUNT 0 only (RFC 4731 3.1).
  EXPECT_EQ(format_esearch_response("A", false, r, {}, 77), "* ESEARCH (TAG \"A\") COUNT 0\r\n");
  // RETURN () is RETURN (ALL).
  r = SearchReturn{};
  r.given = true;
  EXPECT_EQ(format_esearch_response("B", false, r, n, std::nullopt), "* ESEARCH (TAG \"B\") ALL 2,10:11\r\n");
  EXPECT_EQ(format_esearch_response("B", false, r, {}, std::nullopt), "* ESEARCH (TAG \"B\")\r\n");
  // RFC 5182 2.1: SAVE alone answers no ESEARCH.
  r.save = true;
  EXPECT_EQ(format_esearch_response("C", false, r, n, std::nullopt), "");
  r.count = true;
  EXPECT_EQ(format_esearch_response("C", false, r, n, std::nullopt), "* ESEARCH (TAG \"C\") COUNT 3\r\n");
}

}  // namespace
}  // namespace kurir::imap::message
