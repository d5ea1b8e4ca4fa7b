// FETCH rendering (RFC 9051 6.4.5 / 7.5.2, RFC 3516 BINARY) over messages
// built here: a multipart/mixed with an alternative, a base64 attachment, a
// nested message/rfc822 and a part in an unknown encoding; a single-part
// message; and every message of the shared MIME corpus.
#include "imap/message/fetch.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support.hpp"

namespace kurir::imap::message {
namespace {

using test::crlf;
using test::make_message;
using test::TestMessage;

const std::string kOuterHeader =
    "From: Alice <alice@example.org>\n"
    "To: Bob <bob@example.com>\n"
    "Subject: Report\n"
    "X-Folded: one\n"
    " two\n"
    "Date: Tue, 3 Mar 2026 10:00:00 +0000\n"
    "Message-ID: <m1@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n";

const std::string kInnerMessage =
    "From: Carol <carol@example.net>\n"
    "Subject: Inner\n"
    "Content-Type: multipart/mixed; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain\n"
    "\n"
    "inner one\n"
    "--inner\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "aGVsbG8gd29ybGQ=\n"
    "--inner--\n";

const std::string kOuterBody =
    "preamble\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Caf=E9 au lait\n"
    "--alt\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>Caf&eacute;</p>\n"
    "--alt--\n"
    "\n"
    "--outer\n"
    "Content-Type: application/octet-stream; name=\"a.bin\"\n"
    "Content-Disposition: attachment; filename=\"a.bin\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "AAECAw==\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n" +
    kInnerMessage +
    "--outer\n"
    "Content-Type: text/x-odd\n"
    "Content-Transfer-Encoding: x-rot13\n"
    "\n"
    "nopqrstu\n"
    "--outer--\n";

TestMessage mixed() {
  TestMessage m = make_message(crlf(kOuterHeader + kOuterBody), 7);
  m.meta.modseq = 42;
  m.meta.flags.system = store::kSeen | store::kFlagged;
  m.meta.flags.keywords = {"$Forwarded", "work"};
  m.meta.internal_date = 1772532000;  // 2026-03-03 10:00:00 UTC
  m.meta.thread_id = 9;
  return m;
}

FetchItem item(FetchItem::Kind kind) {
  FetchItem i;
  i.kind = kind;
  return i;
}

FetchItem section(std::vector<std::uint32_t> part, Section::Text text = Section::Text::none,
                  std::vector<std::string> fields = {}, std::optional<Partial> partial = std::nullopt,
                  FetchItem::Kind kind = FetchItem::Kind::body_section) {
  FetchItem i;
  i.kind = kind;
  i.section.part = std::move(part);
  i.section.text = text;
  i.section.fields = std::move(fields);
  i.partial = partial;
  return i;
}

FetchItem binary(std::vector<std::uint32_t> part, std::optional<Partial> partial = std::nullopt) {
  return section(std::move(part), Section::Text::none, {}, partial, FetchItem::Kind::binary);
}

// The whole response as one string, or "error: ..." when rendering failed.
std::string fetch(const TestMessage& m, std::vector<FetchItem> items) {
  FetchInput in;
  in.meta = &m.meta;
  in.structure = &m.parsed;
  in.content = m.bytes;
  Result<FetchResponse> r = render_fetch(in, items);
  if (!r) return "error: " + r.error().message;
  std::string out;
  r->append_to(out, m.bytes);
  EXPECT_EQ(out.size(), r->size());
  return out;
}

std::string literal(std::string_view bytes) {
  return "{" + std::to_string(bytes.size()) + "}\r\n" + std::string(bytes);
}

TEST(Fetch, WholeMessageHeaderAndText) {
  const TestMessage m = mixed();
  const std::string header = crlf(kOuterHeader);
  const std::string body = crlf(kOuterBody);
  EXPECT_EQ(fetch(m, {section({})}), "(BODY[] " + literal(m.bytes) + ")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::header)}), "(BODY[HEADER] " + literal(header) + ")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::text)}), "(BODY[TEXT] " + literal(body) + ")");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::rfc822)}), "(RFC822 " + literal(m.bytes) + ")");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::rfc822_header)}), "(RFC822.HEADER " + literal(header) + ")");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::rfc822_text)}), "(RFC822.TEXT " + literal(body) + ")");
}

TEST(Fetch, BodyOfAWholeMessageIsAContentRangeNotACopy) {
  const TestMessage m = mixed();
  FetchInput in{&m.meta, &m.parsed, m.bytes};
  std::vector<FetchItem> items = {item(FetchItem::Kind::uid), section({})};
  Result<FetchResponse> r = render_fetch(in, items);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->pieces.size(), 2u);
  EXPECT_EQ(r->pieces[0].text, "(UID 7 BODY[] {" + std::to_string(m.bytes.size()) + "}\r\n");
  EXPECT_EQ(r->pieces[0].content_offset, 0u);
  EXPECT_EQ(r->pieces[0].content_length, m.bytes.size());
  EXPECT_EQ(r->pieces[1].text, ")");
  EXPECT_EQ(r->pieces[1].content_length, 0u);
}

// RFC 9051 6.4.5's part-number example, as this message has it.
TEST(Fetch, PartNumbersIntoMultipartsAndNestedMessages) {
  const TestMessage m = mixed();
  EXPECT_EQ(fetch(m, {section({1, 1})}), "(BODY[1.1] " + literal("Caf=E9 au lait") + ")");
  EXPECT_EQ(fetch(m, {section({1, 2})}), "(BODY[1.2] " + literal("<p>Caf&eacute;</p>") + ")");
  EXPECT_EQ(fetch(m, {section({1, 1}, Section::Text::mime)}),
            "(BODY[1.1.MIME] " +
                literal(crlf("Content-Type: text/plain; charset=iso-8859-1\n"
                             "Content-Transfer-Encoding: quoted-printable\n\n")) +
                ")");
  EXPECT_EQ(fetch(m, {section({2})}), "(BODY[2] " + literal("AAECAw==") + ")");
  // A message/rfc822 part: its body is the whole encapsulated message.
  EXPECT_EQ(fetch(m, {section({3})}),
            "(BODY[3] " + literal(crlf(kInnerMessage).substr(0, crlf(kInnerMessage).size() - 2)) + ")");
  EXPECT_EQ(fetch(m, {section({3}, Section::Text::header)}),
            "(BODY[3.HEADER] " +
                literal(crlf("From: Carol <carol@example.net>\nSubject: Inner\n"
                             "Content-Type: multipart/mixed; boundary=\"inner\"\n\n")) +
                ")");
  EXPECT_EQ(fetch(m, {section({3}, Section::Text::mime)}),
            "(BODY[3.MIME] " + literal(crlf("Content-Type: message/rfc822\n\n")) + ")");
  EXPECT_EQ(fetch(m, {section({3, 1})}), "(BODY[3.1] " + literal("inner one") + ")");
  EXPECT_EQ(fetch(m, {section({3, 2})}), "(BODY[3.2] " + literal("aGVsbG8gd29ybGQ=") + ")");
  const std::string inner_text = fetch(m, {section({3}, Section::Text::text)});
  EXPECT_EQ(inner_text.rfind("(BODY[3.TEXT] {", 0), 0u) << inner_text;
  EXPECT_NE(inner_text.find("--inner\r\nContent-Type: text/plain\r\n\r\ninner one"), std::string::npos);
  EXPECT_EQ(inner_text.find("Subject: Inner"), std::string::npos);
}

TEST(Fetch, SectionsThatDoNotExistAreNil) {
  const TestMessage m = mixed();
  EXPECT_EQ(fetch(m, {section({9})}), "(BODY[9] NIL)");
  EXPECT_EQ(fetch(m, {section({0})}), "(BODY[0] NIL)");
  EXPECT_EQ(fetch(m, {section({1, 1, 1})}), "(BODY[1.1.1] NIL)");
  EXPECT_EQ(fetch(m, {section({3, 3})}), "(BODY[3.3] NIL)");
  // HEADER and TEXT need a message/rfc822 part (RFC 9051 6.4.5).
  EXPECT_EQ(fetch(m, {section({2}, Section::Text::header)}), "(BODY[2.HEADER] NIL)");
  EXPECT_EQ(fetch(m, {section({1}, Section::Text::text)}), "(BODY[1.TEXT] NIL)");
}

TEST(Fetch, SinglePartMessageHasOnlyPartOne) {
  const TestMessage m = make_message(crlf("Subject: hi\nContent-Type: text/plain\n\nhello\nworld\n"));
  EXPECT_EQ(fetch(m, {section({1})}), "(BODY[1] " + literal(crlf("hello\nworld\n")) + ")");
  EXPECT_EQ(fetch(m, {section({1}, Section::Text::mime)}),
            "(BODY[1.MIME] " + literal(crlf("Subject: hi\nContent-Type: text/plain\n\n")) + ")");
  EXPECT_EQ(fetch(m, {section({2})}), "(BODY[2] NIL)");
  EXPECT_EQ(fetch(m, {section({1, 1})}), "(BODY[1.1] NIL)");
}

TEST(Fetch, MessageRfc822AtTheTopIsPartOneAndNestsBelowIt) {
  const TestMessage m = make_message(
      crlf("Subject: wrapper\nContent-Type: message/rfc822\n\nSubject: wrapped\n\nthe wrapped body\n"));
  EXPECT_EQ(fetch(m, {section({1}, Section::Text::header)}),
            "(BODY[1.HEADER] " + literal(crlf("Subject: wrapped\n\n")) + ")");
  EXPECT_EQ(fetch(m, {section({1, 1})}), "(BODY[1.1] " + literal(crlf("the wrapped body\n")) + ")");
}

TEST(Fetch, HeaderFieldsAreMatchedCaseInsensitivelyAndKeepTheirOrderAndFolds) {
  const TestMessage m = mixed();
  EXPECT_EQ(fetch(m, {section({}, Section::Text::header_fields, {"subject", "FROM", "x-folded"})}),
            "(BODY[HEADER.FIELDS (subject FROM x-folded)] " +
                literal(crlf("From: Alice <alice@example.org>\nSubject: Report\nX-Folded: one\n two\n\n")) +
                ")");
  EXPECT_EQ(
      fetch(m, {section({}, Section::Text::header_fields_not,
                        {"Date", "message-id", "mime-version", "content-type", "x-folded"})}),
      "(BODY[HEADER.FIELDS.NOT (Date message-id mime-version content-type x-folded)] " +
          literal(crlf("From: Alice <alice@example.org>\nTo: Bob <bob@example.com>\nSubject: Report\n\n")) +
          ")");
  // No field matches: just the blank line.
  EXPECT_EQ(fetch(m, {section({}, Section::Text::header_fields, {"X-None"})}),
            "(BODY[HEADER.FIELDS (X-None)] " + literal("\r\n") + ")");
  // Of the encapsulated message, and a name that is not an atom echoed quoted.
  EXPECT_EQ(fetch(m, {section({3}, Section::Text::header_fields, {"Subject", "a b"})}),
            "(BODY[3.HEADER.FIELDS (Subject \"a b\")] " + literal(crlf("Subject: Inner\n\n")) + ")");
}

TEST(Fetch, PartialsAtTheEdges) {
  const TestMessage m = mixed();
  const std::string& b = m.bytes;
  const auto p = [](std::uint64_t o, std::uint64_t l) { return std::optional<Partial>(Partial{o, l}); };
  // RFC 9051 7.5.2: the origin is echoed, the length is not.
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(0, 4))}), "(BODY[]<0> " + literal("From") + ")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(6, 5))}),
            "(BODY[]<6> " + literal("Alice") + ")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(b.size() - 3, 100))}),
            "(BODY[]<" + std::to_string(b.size() - 3) + "> " + literal(b.substr(b.size() - 3)) + ")");
  // "If the origin octet is beyond the end of the text, an empty string is returned."
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(b.size(), 10))}),
            "(BODY[]<" + std::to_string(b.size()) + "> \"\")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(b.size() + 100, 10))}),
            "(BODY[]<" + std::to_string(b.size() + 100) + "> \"\")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::none, {}, p(0, 0))}), "(BODY[]<0> \"\")");
  EXPECT_EQ(fetch(m, {section({1, 1}, Section::Text::none, {}, p(4, 1000))}),
            "(BODY[1.1]<4> " + literal("E9 au lait") + ")");
  EXPECT_EQ(fetch(m, {section({}, Section::Text::header_fields, {"subject"}, p(9, 100))}),
            "(BODY[HEADER.FIELDS (subject)]<9> " + literal("Report\r\n\r\n") + ")");
}

TEST(Fetch, BinaryDecodesAndUsesLiteral8ForNul) {
  const TestMessage m = mixed();
  EXPECT_EQ(fetch(m, {binary({2})}), std::string("(BINARY[2] ~{4}\r\n\0\1\2\3)", 22));
  EXPECT_EQ(fetch(m, {binary({2}, Partial{1, 2})}), "(BINARY[2]<1> {2}\r\n\1\2)");
  EXPECT_EQ(fetch(m, {binary({2}, Partial{3, 10})}), "(BINARY[2]<3> {1}\r\n\3)");
  EXPECT_EQ(fetch(m, {binary({2}, Partial{4, 10})}), "(BINARY[2]<4> \"\")");
  EXPECT_EQ(fetch(m, {binary({1, 1})}), "(BINARY[1.1] {12}\r\nCaf\xE9 au lait)");
  EXPECT_EQ(fetch(m, {binary({3, 2})}), "(BINARY[3.2] {11}\r\nhello world)");
  EXPECT_EQ(fetch(m, {binary({3, 2}, Partial{6, 3})}), "(BINARY[3.2]<6> {3}\r\nwor)");
  EXPECT_EQ(fetch(m, {binary({1, 2})}), "(BINARY[1.2] " + literal("<p>Caf&eacute;</p>") + ")");
  EXPECT_EQ(fetch(m, {binary({9})}), "(BINARY[9] NIL)");
  FetchItem size2 = section({2}, Section::Text::none, {}, std::nullopt, FetchItem::Kind::binary_size);
  FetchItem size32 = section({3, 2}, Section::Text::none, {}, std::nullopt, FetchItem::Kind::binary_size);
  FetchItem size11 = section({1, 1}, Section::Text::none, {}, std::nullopt, FetchItem::Kind::binary_size);
  EXPECT_EQ(fetch(m, {size2, size32, size11}), "(BINARY.SIZE[2] 4 BINARY.SIZE[3.2] 11 BINARY.SIZE[1.1] 12)");
}

TEST(Fetch, BinaryOfAnUnknownEncodingFailsTheCommand) {
  const TestMessage m = mixed();
  // RFC 3516 4.2: NO [UNKNOWN-CTE].
  EXPECT_EQ(fetch(m, {binary({4})}), "error: unknown Content-Transfer-Encoding X-ROT13");
  EXPECT_EQ(fetch(m, {section({4}, Section::Text::none, {}, std::nullopt, FetchItem::Kind::binary_size)}),
            "error: unknown Content-Transfer-Encoding X-ROT13");
  // BODY[4] is fine: it sends the bytes as stored.
  EXPECT_EQ(fetch(m, {section({4})}), "(BODY[4] " + literal("nopqrstu") + ")");
}

TEST(Fetch, MetaItemsAndStoredStrings) {
  const TestMessage m = mixed();
  EXPECT_EQ(
      fetch(m, {item(FetchItem::Kind::uid), item(FetchItem::Kind::flags), item(FetchItem::Kind::internaldate),
                item(FetchItem::Kind::rfc822_size), item(FetchItem::Kind::modseq)}),
      "(UID 7 FLAGS (\\Flagged \\Seen $Forwarded work) INTERNALDATE \" 3-Mar-2026 10:00:00 +0000\" "
      "RFC822.SIZE " +
          std::to_string(m.bytes.size()) + " MODSEQ (42))");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::emailid), item(FetchItem::Kind::threadid),
                      item(FetchItem::Kind::savedate)}),
            "(EMAILID (M7) THREADID (T9) SAVEDATE NIL)");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::envelope)}), "(ENVELOPE " + m.parsed.envelope + ")");
  EXPECT_EQ(fetch(m, {item(FetchItem::Kind::body), item(FetchItem::Kind::bodystructure)}),
            "(BODY " + m.parsed.body + " BODYSTRUCTURE " + m.parsed.bodystructure + ")");
  EXPECT_NE(m.parsed.envelope.find("\"Report\""), std::string::npos);
  TestMessage bare = m;
  bare.meta.flags = {};
  bare.meta.thread_id = 0;
  EXPECT_EQ(fetch(bare, {item(FetchItem::Kind::flags), item(FetchItem::Kind::threadid)}),
            "(FLAGS () THREADID NIL)");
}

TEST(Fetch, InternalDateIsRfc9051DateTimeInUtc) {
  EXPECT_EQ(format_internal_date(0), "\" 1-Jan-1970 00:00:00 +0000\"");
  EXPECT_EQ(format_internal_date(837570265), "\"17-Jul-1996 02:24:25 +0000\"");
  EXPECT_EQ(format_internal_date(951782400), "\"29-Feb-2000 00:00:00 +0000\"");
  EXPECT_EQ(format_internal_date(-1), "\"31-Dec-1969 23:59:59 +0000\"");
}

TEST(Fetch, NeedsSayWhatToLoad) {
  const auto needs = [](std::vector<FetchItem> items) {
    const FetchNeeds n = fetch_needs(items);
    return std::string(n.structure ? "S" : "-") + (n.content ? "C" : "-");
  };
  EXPECT_EQ(
      needs({item(FetchItem::Kind::uid), item(FetchItem::Kind::flags), item(FetchItem::Kind::internaldate),
             item(FetchItem::Kind::rfc822_size), item(FetchItem::Kind::modseq)}),
      "--");
  EXPECT_EQ(needs({item(FetchItem::Kind::envelope), item(FetchItem::Kind::bodystructure)}), "S-");
  EXPECT_EQ(needs({item(FetchItem::Kind::uid), section({1})}), "SC");
  EXPECT_EQ(needs({binary({1})}), "SC");
  EXPECT_EQ(needs({item(FetchItem::Kind::rfc822_header)}), "SC");
}

TEST(Fetch, WhichItemsSetSeen) {
  FetchItem peek = section({1});
  peek.peek = true;
  FetchItem binary_peek = binary({1});
  binary_peek.peek = true;
  EXPECT_TRUE(fetch_sets_seen(std::vector<FetchItem>{section({1})}));
  EXPECT_TRUE(fetch_sets_seen(std::vector<FetchItem>{binary({1})}));
  EXPECT_TRUE(fetch_sets_seen(std::vector<FetchItem>{item(FetchItem::Kind::rfc822)}));
  EXPECT_TRUE(fetch_sets_seen(std::vector<FetchItem>{item(FetchItem::Kind::rfc822_text)}));
  EXPECT_FALSE(fetch_sets_seen(std::vector<FetchItem>{peek, binary_peek, item(FetchItem::Kind::rfc822_header),
                                                      item(FetchItem::Kind::envelope)}));
  // BODY.PEEK is echoed as BODY.
  const TestMessage m = mixed();
  EXPECT_EQ(fetch(m, {peek}).rfind("(BODY[1] NIL)", 0), std::string::npos);
  EXPECT_EQ(fetch(m, {peek}).rfind("(BODY[1] {", 0), 0u);
}

TEST(Fetch, BareLineFeedsAndAHeaderWithoutBody) {
  const TestMessage lf = make_message("Subject: x\nFrom: a@b\n\nbody\n");
  EXPECT_EQ(fetch(lf, {section({}, Section::Text::header_fields, {"from"})}),
            "(BODY[HEADER.FIELDS (from)] " + literal("From: a@b\n\r\n") + ")");
  const TestMessage only = make_message("Subject: x");
  EXPECT_EQ(fetch(only, {section({}, Section::Text::header)}),
            "(BODY[HEADER] " + literal("Subject: x") + ")");
  EXPECT_EQ(fetch(only, {section({}, Section::Text::text)}), "(BODY[TEXT] \"\")");
  EXPECT_EQ(fetch(only, {section({}, Section::Text::header_fields, {"subject"})}),
            "(BODY[HEADER.FIELDS (subject)] " + literal("Subject: x\r\n\r\n") + ")");
}

TEST(Fetch, AParseThatDoesNotFitTheBytesGivesNil) {
  TestMessage m = mixed();
  m.bytes.resize(m.bytes.size() / 2);
  const std::string r = fetch(m, {section({3, 2}), binary({3, 2})});
  EXPECT_EQ(r, "(BODY[3.2] NIL BINARY[3.2] NIL)");
}

// Every corpus message: each part's sections answer within the bytes, and
// BODY[] is the message itself.
TEST(Fetch, SharedCorpusEveryPart) {
  const std::filesystem::path root = KURIR_SHARED_MIME_CORPUS;
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "shared MIME corpus not present at " << root;
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() == ".txt" || e.path().filename() == "README.md")
      continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    const TestMessage m = make_message(ss.str());
    ++files;
    EXPECT_EQ(fetch(m, {section({})}),
              "(BODY[] " + (m.bytes.empty() ? std::string("\"\"") : literal(m.bytes)) + ")")
        << e.path();
    // Walk part numbers breadth-first, two levels deep, through every kind of item.
    std::vector<std::vector<std::uint32_t>> paths = {{}};
    for (std::size_t depth = 0; depth < 3; ++depth) {
      std::vector<std::vector<std::uint32_t>> next;
      for (const auto& base : paths) {
        for (std::uint32_t n = 1; n <= 4; ++n) {
          std::vector<std::uint32_t> p = base;
          p.push_back(n);
          std::vector<FetchItem> items = {section(p),
                                          section(p, Section::Text::mime),
                                          section(p, Section::Text::header),
                                          section(p, Section::Text::text),
                                          section(p, Section::Text::header_fields, {"subject"}),
                                          section(p, Section::Text::none, {}, Partial{1, 3})};
          const std::string r = fetch(m, items);
          ASSERT_EQ(r.rfind("(BODY[", 0), 0u) << e.path() << " " << r.substr(0, 200);
          if (r.find("BODY[" + std::to_string(n) + "] NIL") == std::string::npos || !base.empty())
            next.push_back(p);
          const std::string b = fetch(m, {binary(p)});
          EXPECT_TRUE(b.rfind("(BINARY[", 0) == 0 ||
                      b.rfind("error: unknown Content-Transfer-Encoding", 0) == 0)
              << e.path() << " " << b.substr(0, 200);
        }
      }
      paths = std::move(next);
      if (paths.size() > 64) paths.resize(64);
    }
  }
  EXPECT_GT(files, 10u);
}

}  // namespace
}  // namespace kurir::imap::message
