// dates.cpp: RFC 9051 9 date-time (APPEND) and date (SEARCH; more in search_keys_test.cpp).
#include <string>

#include "support.hpp"

namespace kurir::imap {
namespace {

using test::parse_bad;
using test::parse_ok;

std::int64_t append_date(std::string_view date_time) {
  const auto append = parse_ok<Append>("t APPEND x " + std::string(date_time) + " {1}\r\nm");
  return append.messages.empty() ? -1 : append.messages[0].internal_date.value_or(-1);
}

TEST(Dates, DateTimeWithZones) {
  EXPECT_EQ(append_date("\"01-Jan-1970 00:00:00 +0000\""), 0);
  EXPECT_EQ(append_date("\" 1-Jan-1970 00:00:00 +0000\""), 0);
  EXPECT_EQ(append_date("\"01-Jan-1970 01:00:00 +0100\""), 0);
  EXPECT_EQ(append_date("\"31-Dec-1969 19:00:00 -0500\""), 0);
  EXPECT_EQ(append_date("\"17-Jul-1996 02:44:25 -0700\""), 837596665);
  EXPECT_EQ(append_date("\"29-feb-2024 23:59:60 +0000\""),
            1709251200);  // a leap second reads as the next second
  EXPECT_EQ(append_date("\"28-Nov-2026 13:00:00 +0530\""), 1795851000);
}

TEST(Dates, MalformedDateTimes) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"\"1-Jan-1970 00:00:00 +0000\"", "the day of the date-time (2 digits"},
      {"\"01-Jan-1970 00:00 +0000\"", "\":\" in the time"},
      {"\"01-Jan-1970 24:00:00 +0000\"", "out of range"},
      {"\"01-Jan-1970 00:60:00 +0000\"", "out of range"},
      {"\"01-Jan-1970 00:00:00 0000\"", "the zone of the date-time"},
      {"\"01-Jan-1970 00:00:00 +00000\"", "'\"' closing the date-time"},
      {"\"01-Jan-1970 00:00:00 +0060\"", "out of range"},
      {"\"01-Jan-1970 00:00:00 +0000", "'\"' closing the date-time"},
      {"\"30-Feb-2024 00:00:00 +0000\"", "day 30 does not exist in Feb 2024"},
      {"\"01-Foo-2024 00:00:00 +0000\"", "unknown month \"Foo\""},
      {"\"01-Jan-24 00:00:00 +0000\"", "day-Mon-yyyy"},
  };
  for (const auto& [text, error] : cases) {
    const auto bad = parse_bad("t APPEND x " + std::string(text) + " {1}\r\nm");
    EXPECT_NE(bad.text.find(error), std::string::npos) << text << " -> " << bad.text;
  }
}

}  // namespace
}  // namespace kurir::imap
