// UTC calendar arithmetic for IMAP dates (RFC 9051 9 date-time, and the
// day-granular SEARCH keys of RFC 9051 6.4.4): proleptic Gregorian, no time
// zone database, no locale.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kurir::imap::message {

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// The UTC day of `seconds` since the epoch, as days since 1970-01-01
// (negative before; rounds toward minus infinity).
std::int64_t utc_day(std::int64_t seconds);

// The calendar day an RFC 5322 3.3 date-time names, as written (its time
// and zone disregarded, as RFC 9051 6.4.4 SENTON wants), in days since
// 1970-01-01: "Mon, 2 Mar 2026 23:30:00 -0200" is 2 March 2026. Takes the
// obsolete forms too (RFC 5322 4.3: two- and three-digit years, comments).
// nullopt when no day, month and year can be found.
std::optional<std::int64_t> written_day(std::string_view date_time);

// Days since 1970-01-01 to a calendar date, and back.
CivilDate civil_from_days(std::int64_t days);
std::int64_t days_from_civil(const CivilDate& date);

}  // namespace kurir::imap::message
