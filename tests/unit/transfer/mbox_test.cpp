#include "transfer/mbox.hpp"

#include <gtest/gtest.h>

#include "transfer/flag_headers.hpp"

namespace kurir::transfer {
namespace {

std::vector<MboxMessage> split_whole(std::string_view input, std::size_t max = limits::kMaxMessageBytes) {
  MboxSplitter splitter(max);
  std::vector<MboxMessage> out;
  EXPECT_TRUE(splitter.feed(input, out).ok());
  EXPECT_TRUE(splitter.finish(out).ok());
  return out;
}

// STYLE.md habit 3: the same input fed at every split point, and byte by byte.
void expect_same_in_pieces(std::string_view input, std::size_t max = limits::kMaxMessageBytes) {
  const auto whole = split_whole(input, max);
  auto same = [&](const std::vector<MboxMessage>& got) {
    ASSERT_EQ(got.size(), whole.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].bytes, whole[i].bytes);
      EXPECT_EQ(got[i].size, whole[i].size);
      EXPECT_EQ(got[i].oversized, whole[i].oversized);
      EXPECT_EQ(got[i].from.date, whole[i].from.date);
      EXPECT_EQ(got[i].from.sender, whole[i].from.sender);
      EXPECT_EQ(got[i].line, whole[i].line);
    }
  };
  for (std::size_t cut = 0; cut <= input.size(); ++cut) {
    MboxSplitter splitter(max);
    std::vector<MboxMessage> out;
    ASSERT_TRUE(splitter.feed(input.substr(0, cut), out).ok());
    ASSERT_TRUE(splitter.feed(input.substr(cut), out).ok());
    ASSERT_TRUE(splitter.finish(out).ok());
    same(out);
  }
  MboxSplitter splitter(max);
  std::vector<MboxMessage> out;
  for (char c : input) ASSERT_TRUE(splitter.feed(std::string_view(&c, 1), out).ok());
  ASSERT_TRUE(splitter.finish(out).ok());
  same(out);
}

constexpr std::string_view kTwo =
    "From alice@example.test Wed Jan  3 12:34:56 2024\n"
    "Subject: one\n"
    "\n"
    "From here on, unquoted by an mboxo writer: still body (no blank line before).\n"
    "\n"
    "From the top: a paragraph start without a date is body too\n"
    ">From quoted\n"
    ">>From twice\n"
    "\n"
    "From bob@example.test Thu Feb 29 00:00:01 2024\n"
    "Subject: two\n"
    "\n"
    "body\n"
    "\n";

TEST(MboxSplitter, SplitsAndUnquotes) {
  auto messages = split_whole(kTwo);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].from.sender, "alice@example.test");
  EXPECT_EQ(messages[0].from.date, 1704285296);
  EXPECT_EQ(messages[0].line, 1u);
  EXPECT_EQ(messages[0].bytes,
            "Subject: one\n\nFrom here on, unquoted by an mboxo writer: still body (no blank line before).\n\n"
            "From the top: a paragraph start without a date is body too\nFrom quoted\n>From twice\n");
  EXPECT_EQ(messages[1].from.sender, "bob@example.test");
  EXPECT_EQ(messages[1].from.date, 1709164801);
  EXPECT_EQ(messages[1].line, 10u);
  EXPECT_EQ(messages[1].bytes, "Subject: two\n\nbody\n");
  expect_same_in_pieces(kTwo);
}

TEST(MboxSplitter, CrlfFile) {
  constexpr std::string_view input =
      "From a@b Mon Jan  1 00:00:00 2024\r\nSubject: x\r\n\r\nhi\r\n\r\nFrom a@b Mon Jan  1 00:00:01 2024\r\n"
      "Subject: y\r\n\r\nyo\r\n";
  auto messages = split_whole(input);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].bytes, "Subject: x\r\n\r\nhi\r\n");
  EXPECT_EQ(messages[1].bytes, "Subject: y\r\n\r\nyo\r\n");
  expect_same_in_pieces(input);
}

TEST(MboxSplitter, EdgeShapes) {
  EXPECT_TRUE(split_whole("").empty());
  EXPECT_TRUE(split_whole("\n\n").empty());
  // Leading blank lines, no trailing newline, an empty message.
  auto messages = split_whole("\nFrom x Mon Jan  1 00:00:00 2024\n\nFrom y Mon Jan  1 00:00:00 2024\nlast");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].bytes, "");
  EXPECT_EQ(messages[1].bytes, "last");
  // A first From_ line with a date we cannot read still starts the file.
  messages = split_whole("From someone sometime\nSubject: s\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].from.date, 0);
  EXPECT_EQ(messages[0].bytes, "Subject: s\n");
  expect_same_in_pieces("\nFrom x Mon Jan  1 00:00:00 2024\n\nFrom y Mon Jan  1 00:00:00 2024\nlast");
}

TEST(MboxSplitter, RejectsWhatIsNotAnMbox) {
  MboxSplitter splitter;
  std::vector<MboxMessage> out;
  auto status = splitter.feed("Subject: hello\n\nFrom x Mon Jan  1 00:00:00 2024\n", out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, Errc::invalid_argument);
  EXPECT_FALSE(splitter.feed("more", out).ok());
  EXPECT_FALSE(splitter.finish(out).ok());
}

TEST(MboxSplitter, OversizedMessagesAreReportedNotKept) {
  std::string input = "From a Mon Jan  1 00:00:00 2024\n";
  input += std::string(100, 'x') + "\n";                 // 101 bytes > 64
  input += "\nFrom b Mon Jan  1 00:00:00 2024\n";
  input += std::string(63, 'y') + "\n";                  // exactly 64: fits
  input += "\nFrom c Mon Jan  1 00:00:00 2024\n" + std::string(200, 'z');  // one long line without LF
  auto messages = split_whole(input, 64);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_TRUE(messages[0].oversized);
  EXPECT_EQ(messages[0].size, 101u);
  EXPECT_TRUE(messages[0].bytes.empty());
  EXPECT_FALSE(messages[1].oversized);
  EXPECT_EQ(messages[1].bytes.size(), 64u);
  EXPECT_TRUE(messages[2].oversized);
  EXPECT_EQ(messages[2].size, 200u);
  EXPECT_EQ(messages[2].from.sender, "c");
  expect_same_in_pieces(input, 64);
}

TEST(FromLine, Variants) {
  struct Case {
    std::string_view line;
    std::string_view sender;
    std::int64_t date;
  };
  const Case cases[] = {
      {"From a@b Wed Jan  3 12:34:56 2024", "a@b", 1704285296},
      {"From a@b Wed Jan 03 12:34:56 2024", "a@b", 1704285296},
      {"From a@b  Wed Jan  3 12:34:56 2024\r\n", "a@b", 1704285296},
      {"From a@b Wed Jan  3 12:34 2024", "a@b", 1704285240},
      {"From a@b Wed Jan  3 12:34:56 UTC 2024", "a@b", 1704285296},
      {"From a@b Wed Jan  3 13:34:56 2024 +0100", "a@b", 1704285296},
      {"From 1786@xxx Wed Jan 03 13:34:56 +0100 2024", "1786@xxx", 1704285296},  // Google Takeout
      {"From MAILER-DAEMON Thu Jan  1 00:00:00 1970", "MAILER-DAEMON", 0},
      {"From \"a b\"@c Wed Jan  3 12:34:56 2024", "\"a b\"@c", 1704285296},
      {"From  Wed Jan  3 12:34:56 2024", "MAILER-DAEMON", 1704285296},
  };
  for (const auto& c : cases) {
    auto from = parse_from_line(c.line);
    ASSERT_TRUE(from) << c.line;
    EXPECT_EQ(from->sender, c.sender) << c.line;
    EXPECT_EQ(from->date, c.date) << c.line;
  }
  for (std::string_view bad : {"From here on it is body", "From a Wed Feb 30 12:34:56 2024", "From a Wed Jan  3 25:00:00 2024",
                               "From a Wed Jan  3 12:34:56", "Frm a Wed Jan  3 12:34:56 2024", "From a Wed Jan  3 12:34:56 24"})
    EXPECT_FALSE(parse_from_line(bad)) << bad;
}

TEST(FromLine, FormatsAsctimeUtc) {
  EXPECT_EQ(format_from_line("a@b", 1704285296), "From a@b Wed Jan  3 12:34:56 2024");
  EXPECT_EQ(format_from_line("", 1709164801), "From MAILER-DAEMON Thu Feb 29 00:00:01 2024");
  EXPECT_EQ(format_from_line("a b@c", 0), "From MAILER-DAEMON Thu Jan  1 00:00:00 1970");
  for (std::int64_t t : {0LL, 951782400LL, 1704285296LL, 4102444799LL}) {
    auto back = parse_from_line(format_from_line("x", t));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->date, t);
  }
}

TEST(MboxSender, ReturnPathThenFrom) {
  EXPECT_EQ(mbox_sender("Return-Path: <bounce@x.test>\nFrom: A <a@x.test>\n\nb"), "bounce@x.test");
  EXPECT_EQ(mbox_sender("Return-Path: <>\nFrom: A <a@x.test>\n\nb"), "MAILER-DAEMON");
  EXPECT_EQ(mbox_sender("From: \"A, B\" <a@x.test>\n\nb"), "a@x.test");
  EXPECT_EQ(mbox_sender("From: a@x.test\n\nb"), "a@x.test");
  EXPECT_EQ(mbox_sender("From:\n  a@x.test (folded)\n\nb"), "a@x.test");
  EXPECT_EQ(mbox_sender("Subject: none\n\nFrom: body@x.test\n"), "MAILER-DAEMON");
}

// Writing then reading gives the message, flags and date back.
TEST(MboxWriter, RoundTrip) {
  struct Case {
    std::string message;  // as stored: CRLF
    store::Flags flags;
  };
  const Case cases[] = {
      {"From: a@x.test\r\nSubject: s\r\n\r\nFrom me\r\n>From you\r\n\r\nFrom x Mon Jan  1 00:00:00 2024\r\n",
       {store::kSeen | store::kFlagged, {"$Forwarded", "Junk"}}},
      {"Subject: no body", {store::kSeen, {}}},
      {"Subject: header only\r\n", {store::kAnswered | store::kDraft | store::kDeleted, {}}},
      {"", {}},
      {"", {store::kSeen, {}}},
      {"Subject: ends without newline\r\n\r\nbody", {}},
      {"Subject: ends with blank lines\r\n\r\nbody\r\n\r\n\r\n", {}},
      {"\r\n\r\nFrom a Mon Jan  1 00:00:00 2024\r\n", {}},
  };
  std::string mbox;
  std::int64_t date = 1704285296;
  for (const auto& c : cases) write_mbox_message(mbox, c.message, c.flags, date++);
  auto messages = split_whole(mbox);
  ASSERT_EQ(messages.size(), std::size(cases)) << mbox;
  date = 1704285296;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::string bytes = messages[i].bytes;
    store::Flags flags = take_flag_headers(bytes);
    std::string expected = cases[i].message;
    // Not ending in a newline comes back ending in one (the mbox cannot say otherwise),
    // except for an empty message and a header-only one given flags.
    if (!expected.empty() && !expected.ends_with("\r\n")) expected += "\r\n";
    EXPECT_EQ(to_crlf(bytes), expected) << i;
    EXPECT_EQ(flags, cases[i].flags) << i;
    EXPECT_EQ(messages[i].from.date, date++) << i;
  }
  expect_same_in_pieces(mbox);
}

// An LF mbox whose flag fields sit at the end of the header comes back byte for byte.
TEST(MboxWriter, ReproducesCanonicalInput) {
  const std::string input =
      "From a@x.test Wed Jan  3 12:34:56 2024\n"
      "From: a@x.test\nSubject: hi\nStatus: RO\nX-Status: AF\nX-Keywords: $Forwarded Junk\n\n"
      ">From the start\n>>From deeper\n\n"
      "From MAILER-DAEMON Wed Jan  3 12:34:57 2024\n"
      "Subject: plain\n\nbody\n\n";
  std::string output;
  for (auto& m : split_whole(input)) {
    std::string bytes = m.bytes;
    auto flags = take_flag_headers(bytes);
    write_mbox_message(output, to_crlf(bytes), flags, m.from.date);
  }
  EXPECT_EQ(output, input);
}

}  // namespace
}  // namespace kurir::transfer
