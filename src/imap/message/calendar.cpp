#include "imap/message/calendar.hpp"

#include <vector>

namespace kurir::imap::message {

std::int64_t utc_day(std::int64_t seconds) {
  std::int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return d;
}

// The 400-year era method (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"): exact for every date representable here.
CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<std::int64_t> written_day(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  // Words split at white space, commas and comments; RFC 5322 3.3:
  // [day-of-week ","] day month year time zone.
  std::vector<std::string_view> words;
  std::size_t depth = 0;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    const bool separator =
        c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '(' || c == ')';
    if (separator && start != std::string_view::npos) {
      if (depth == 0) words.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
    }
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (!separator && start == std::string_view::npos) start = i;
  }
  const auto number = [](std::string_view w, std::size_t max_digits) -> std::optional<std::int64_t> {
    if (w.empty() || w.size() > max_digits) return std::nullopt;
    std::int64_t n = 0;
    for (const char c : w) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const std::optional<std::int64_t> day = number(words[i], 2);
    if (!day || *day < 1 || *day > 31 || words[i + 1].size() < 3) continue;
    unsigned month = 0;
    for (unsigned m = 0; m < 12; ++m) {
      std::string_view w = words[i + 1].substr(0, 3);
      bool same = true;
      for (std::size_t k = 0; k < 3; ++k) same = same && (w[k] | 0x20) == kMonths[m][k];
      if (same) month = m + 1;
    }
    std::optional<std::int64_t> year = number(words[i + 2], 4);
    if (month == 0 || !year) continue;
    // RFC 5322 4.3: a two-digit year below 50 is 20xx, else 19xx; three digits add 1900.
    if (words[i + 2].size() == 2) *year += *year < 50 ? 2000 : 1900;
    if (words[i + 2].size() == 3) *year += 1900;
    return days_from_civil(CivilDate{*year, month, static_cast<unsigned>(*day)});
  }
  return std::nullopt;
}

}  // namespace kurir::imap::message
