// UTC calendar arithmetic for IMAP dates (RFC 9051 9 date-time, and the
// day-granular SEARCH keys of RFC 9051 6.4.4): proleptic Gregorian, no time
// zone database, no locale.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace kurir::imap::message {

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// The UTC day of `seconds` since the epoch, as days since 1970-01-01
// (negative before; rounds toward minus infinity).
std::int64_t utc_day(std::int64_t seconds);

// Days since 1970-01-01 to a calendar date, and back.
CivilDate civil_from_days(std::int64_t days);
std::int64_t days_from_civil(const CivilDate& date);

}  // namespace kurir::imap::message
