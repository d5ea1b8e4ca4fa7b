#include "transfer/flag_headers.hpp"

#include <gtest/gtest.h>

namespace kurir::transfer {
namespace {

TEST(FlagHeaders, TakesStatusFieldsOutOfTheHeaderOnly) {
  std::string message =
      "Subject: s\nstatus: RO\nX-Status: AFTD\nX-Keywords: Junk,$Label1\n  NonJunk Junk bad\\kw\nTo: t\n\n"
      "Status: R\nbody\n";
  auto flags = take_flag_headers(message);
  EXPECT_EQ(message, "Subject: s\nTo: t\n\nStatus: R\nbody\n");
  EXPECT_EQ(flags.system, store::kSeen | store::kAnswered | store::kFlagged | store::kDraft | store::kDeleted);
  EXPECT_EQ(flags.keywords, (std::vector<std::string>{"$Label1", "Junk", "NonJunk"}));
}

TEST(FlagHeaders, StatusOMeansNothingStored) {
  std::string message = "Status: O\r\nX-Status: \r\nSubject: s\r\n\r\nb";
  auto flags = take_flag_headers(message);
  EXPECT_EQ(message, "Subject: s\r\n\r\nb");
  EXPECT_EQ(flags, store::Flags{});
  std::string untouched = "Subject: s\n\nb";
  take_flag_headers(untouched);
  EXPECT_EQ(untouched, "Subject: s\n\nb");
  std::string no_body = "X-Status: F";
  EXPECT_EQ(take_flag_headers(no_body).system, store::kFlagged);
  EXPECT_EQ(no_body, "");
}

TEST(FlagHeaders, FormatsAsDovecotAndMutt) {
  EXPECT_EQ(format_flag_headers({}), "");
  EXPECT_EQ(format_flag_headers({store::kSeen, {}}), "Status: RO\n");
  EXPECT_EQ(format_flag_headers({store::kDeleted | store::kDraft | store::kFlagged | store::kAnswered, {"a", "b"}}),
            "X-Status: AFTD\nX-Keywords: a b\n");
}

TEST(FlagHeaders, HeaderEnd) {
  EXPECT_EQ(header_end("A: b\n\nbody"), 5u);
  EXPECT_EQ(header_end("A: b\r\n\r\nbody"), 6u);
  EXPECT_EQ(header_end("A: b\n"), 5u);
  EXPECT_EQ(header_end("\nbody"), 0u);
  EXPECT_EQ(header_end(""), 0u);
}

TEST(FlagHeaders, Keywords) {
  EXPECT_TRUE(is_valid_keyword("$Forwarded"));
  EXPECT_TRUE(is_valid_keyword("NonJunk"));
  for (std::string_view bad : {"", "a b", "\\Seen", "a]", "a(", "a*", "a%", "a\"", "\x80"})
    EXPECT_FALSE(is_valid_keyword(bad)) << bad;
  EXPECT_FALSE(is_valid_keyword(std::string(129, 'k')));
}

TEST(LineEnds, Conversions) {
  EXPECT_EQ(to_crlf("a\nb\r\nc\rd\n"), "a\r\nb\r\nc\rd\r\n");
  EXPECT_EQ(to_crlf("\n"), "\r\n");
  EXPECT_EQ(to_lf("a\r\nb\nc\rd\r\n"), "a\nb\nc\rd\n");
  EXPECT_EQ(to_lf(to_crlf("x\n\ny\rz\n")), "x\n\ny\rz\n");
  EXPECT_EQ(to_lf("a\r\r\nb\r"), "a\nb\r");
  EXPECT_EQ(to_lf(to_crlf(to_lf("a\r\r\nb\r"))), "a\nb\r");
}

}  // namespace
}  // namespace kurir::transfer
