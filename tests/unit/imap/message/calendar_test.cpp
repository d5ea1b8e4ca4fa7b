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

}  // namespace
}  // namespace kurir::imap::message
