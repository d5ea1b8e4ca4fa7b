#include "imap/message/calendar.hpp"

#include <gtest/gtest.h>

namespace kurir::imap::message {
namespace {

TEST(Calendar, DaysAndDates) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  for (std::int64_t d = -800000; d < 800000; d += 997) {
    const CivilDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c), d);
  }
  const CivilDate leap = civil_from_days(days_from_civil({2024, 2, 29}));
  EXPECT_EQ(leap.month, 2u);
  EXPECT_EQ(leap.day, 29u);
}

TEST(Calendar, UtcDayRoundsDown) {
  EXPECT_EQ(utc_day(0), 0);
  EXPECT_EQ(utc_day(86399), 0);
  EXPECT_EQ(utc_day(86400), 1);
  EXPECT_EQ(utc_day(-1), -1);
  EXPECT_EQ(utc_day(-86400), -1);
  EXPECT_EQ(utc_day(-86401), -2);
}

TEST(Calendar, WrittenDayOfADateHeader) {
  const auto d = [](std::int64_t y, unsigned m, unsigned day) { return days_from_civil({y, m, day}); };
  EXPECT_EQ(written_day("Mon, 2 Mar 2026 23:30:00 -0200"), d(2026, 3, 2));
  EXPECT_EQ(written_day("2 mar 2026 01:00 +1400"), d(2026, 3, 2));
  EXPECT_EQ(written_day("Mon, 7 Feb 1994 21:52:25 -0800 (PST)"), d(1994, 2, 7));
  EXPECT_EQ(written_day("(comment 1 Jan 2000) Tue, 08 FEB 99 10:00 EST"), d(1999, 2, 8));  // RFC 5322 4.3
  EXPECT_EQ(written_day("8 Feb 03 10:00 GMT"), d(2003, 2, 8));
  EXPECT_EQ(written_day("8 Feb 103 10:00 GMT"), d(2003, 2, 8));
  EXPECT_EQ(written_day("31 December 1999"), d(1999, 12, 31));
  EXPECT_EQ(written_day(""), std::nullopt);
  EXPECT_EQ(written_day("yesterday"), std::nullopt);
  EXPECT_EQ(written_day("32 Jan 2020"), std::nullopt);
  EXPECT_EQ(written_day("1 Foo 2020"), std::nullopt);
}

}  // namespace
}  // namespace kurir::imap::message
