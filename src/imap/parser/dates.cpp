// RFC 9051 9 date (SEARCH) and date-time (APPEND).
#include <string>

#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(Reader& r, int count, int& out, std::string_view what) {
  out = 0;
  for (int i = 0; i < count; ++i) {
    if (!is_digit(r.peek())) return r.expected(what);
    out = out * 10 + (r.peek() - '0');
    r.accept(static_cast<char>(r.peek()));
  }
  return true;
}

// date-month "-" date-year, after the day and its "-".
bool month_year(Reader& r, int day, std::int64_t& days) {
  std::string_view name;
  if (!r.word(name, "a month name (Jan..Dec)")) return false;
  int month = 0;
  for (int m = 0; m < 12; ++m)
    if (iequals(name.substr(0, 3), kMonths[m]) && name.size() >= 3) month = m + 1;
  // The month name and "-year" are read as one word ("Feb-1994" has no separator a word stops at).
  if (month == 0 || name.size() != 8 || name[3] != '-') {
    if (month == 0)
      return r.fail("unknown month " + quoted_name(name.substr(0, 3)) + " in a date (Jan..Dec)");
    return r.fail("a date must read day-Mon-yyyy, e.g. 1-Feb-1994");
  }
  int year = 0;
  for (char c : name.substr(4)) {
    if (!is_digit(static_cast<unsigned char>(c)))
      return r.fail("a date must read day-Mon-yyyy, e.g. 1-Feb-1994");
    year = year * 10 + (c - '0');
  }
  if (day < 1 || day > days_in_month(year, month))
    return r.fail("day " + std::to_string(day) + " does not exist in " + std::string(kMonths[month - 1]) +
                  " " + std::to_string(year));
  days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return true;
}

}  // namespace

bool date(Reader& r, std::int64_t& days) {
  // date-text = date-day "-" date-month "-" date-year; date-day = 1*2DIGIT
  const bool quoted = r.accept('"');
  if (!is_digit(r.peek())) return r.expected("a date such as 1-Feb-1994");
  int day = r.peek() - '0';
  r.accept(static_cast<char>(r.peek()));
  if (is_digit(r.peek())) {
    day = day * 10 + (r.peek() - '0');
    r.accept(static_cast<char>(r.peek()));
  }
  if (!r.expect('-', "\"-\" after the day of a date such as 1-Feb-1994")) return false;
  if (!month_year(r, day, days)) return false;
  return !quoted || r.expect('"', "'\"' closing the date");
}

bool date_time(Reader& r, std::int64_t& seconds) {
  // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
  if (!r.expect('"', "a date-time such as \"17-Jul-1996 02:44:25 -0700\"")) return false;
  int day = 0;
  if (r.accept(' ')) {  // date-day-fixed = (SP DIGIT) / 2DIGIT
    if (!digits(r, 1, day, "the day of the date-time")) return false;
  } else if (!digits(r, 2, day, "the day of the date-time (2 digits, or space and digit)")) {
    return false;
  }
  if (!r.expect('-', "\"-\" after the day of the date-time")) return false;
  std::int64_t days = 0;
  if (!month_year(r, day, days)) return false;
  int hour = 0, minute = 0, second = 0, zone_h = 0, zone_m = 0;
  if (!r.sp("the time of the date-time") || !digits(r, 2, hour, "the hour (hh:mm:ss)") ||
      !r.expect(':', "\":\" in the time") || !digits(r, 2, minute, "the minutes (hh:mm:ss)") ||
      !r.expect(':', "\":\" in the time") || !digits(r, 2, second, "the seconds (hh:mm:ss)"))
    return false;
  if (hour > 23 || minute > 59 || second > 60) return r.fail("the time of the date-time is out of range");
  if (!r.sp("the zone of the date-time (+hhmm or -hhmm)")) return false;
  const bool west = r.accept('-');
  if (!west && !r.expect('+', "the zone of the date-time (+hhmm or -hhmm)")) return false;
  if (!digits(r, 2, zone_h, "the zone hours") || !digits(r, 2, zone_m, "the zone minutes")) return false;
  if (zone_m > 59) return r.fail("the zone of the date-time is out of range");
  if (!r.expect('"', "'\"' closing the date-time")) return false;
  const std::int64_t offset = (zone_h * 60 + zone_m) * 60;
  seconds = days * 86400 + hour * 3600 + minute * 60 + second + (west ? offset : -offset);
  return true;
}

}  // namespace kurir::imap::grammar
