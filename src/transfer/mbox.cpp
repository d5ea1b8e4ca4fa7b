#include "transfer/mbox.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "transfer/flag_headers.hpp"

namespace kurir::transfer {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kDefaultSender = "MAILER-DAEMON";

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

int index_of(std::string_view word, const auto& names) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (word.size() == 3 && (word[0] | 0x20) == (names[i][0] | 0x20) && (word[1] | 0x20) == names[i][1] &&
        (word[2] | 0x20) == names[i][2])
      return static_cast<int>(i);
  return -1;
}

// A number of 1 to max_digits digits, or -1.
int parse_number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return -1;
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "+hhmm" / "-hhmm" as seconds east of UTC.
std::optional<int> parse_offset(std::string_view word) {
  if (word.size() != 5 || (word[0] != '+' && word[0] != '-')) return std::nullopt;
  int hhmm = parse_number(word.substr(1), 4);
  if (hhmm < 0 || hhmm % 100 > 59) return std::nullopt;
  int seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60;
  return word[0] == '-' ? -seconds : seconds;
}

bool is_zone_name(std::string_view word) {
  if (word.empty() || word.size() > 5) return false;
  for (char c : word)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

// "Mmm dd hh:mm[:ss] [zone] yyyy [offset]", starting at words[i] (the month).
std::optional<std::int64_t> parse_date(const std::vector<std::string_view>& words, std::size_t i) {
  if (i + 3 >= words.size()) return std::nullopt;
  int month = index_of(words[i], kMonths);
  int day = parse_number(words[i + 1], 2);
  std::string_view clock = words[i + 2];
  if (month < 0 || day < 1) return std::nullopt;
  if (clock.size() != 5 && clock.size() != 8) return std::nullopt;
  int hour = parse_number(clock.substr(0, 2), 2);
  int minute = parse_number(clock.substr(3, 2), 2);
  int second = clock.size() == 8 ? parse_number(clock.substr(6, 2), 2) : 0;
  if (clock[2] != ':' || (clock.size() == 8 && clock[5] != ':')) return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return std::nullopt;
  int year = -1;
  int offset = 0;
  // Before the year: a zone name or offset; after it: an offset, or anything (UUCP's "remote from").
  for (std::size_t k = i + 3; k < words.size() && k < i + 6; ++k) {
    if (auto off = parse_offset(words[k])) {
      offset = *off;
      if (year >= 0) break;
    } else if (year >= 0) {
      break;
    } else if (words[k].size() == 4 && parse_number(words[k], 4) >= 1900) {
      year = parse_number(words[k], 4);
    } else if (!is_zone_name(words[k])) {
      return std::nullopt;
    }
  }
  if (year < 0) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month + 1)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  const std::int64_t days_since_epoch = sys_days{ymd}.time_since_epoch().count();
  return days_since_epoch * 86400 + hour * 3600 + minute * 60 + second - offset;
}

bool is_from_separator_prefix(std::string_view line) { return line.substr(0, 5) == "From "; }

bool is_blank(std::string_view line) { return line == "\n" || line == "\r\n"; }

// ^>*From : the lines mboxrd quotes with one more '>'.
bool is_quotable(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == '>') ++i;
  return line.substr(i, 5) == "From ";
}

bool is_plain_sender(std::string_view sender) {
  if (sender.empty() || sender.size() > limits::kMaxAddressBytes) return false;
  for (char ch : sender) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

// The address in a Return-Path or From field value: inside <>, else the first word with '@'.
std::optional<std::string> address_in(std::string_view value) {
  auto open = value.find('<');
  if (open != std::string_view::npos) {
    auto close = value.find('>', open);
    if (close != std::string_view::npos) return std::string(value.substr(open + 1, close - open - 1));
  }
  for (auto word : split_words(value)) {
    if (word.find('@') != std::string_view::npos) {
      while (!word.empty() && (word.back() == ',' || word.back() == '\r' || word.back() == '\n'))
        word.remove_suffix(1);
      return std::string(word);
    }
  }
  return std::nullopt;
}

// The value of the first field called name (lower-case) in the header, unfolded lines joined.
std::optional<std::string> field_value(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t eol = header.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? header.size() : eol + 1;
    std::string_view line = header.substr(pos, next - pos);
    bool match = line.size() > name.size() && line[name.size()] == ':';
    for (std::size_t i = 0; match && i < name.size(); ++i) match = (line[i] | 0x20) == name[i];
    if (match) {
      std::string value(line.substr(name.size() + 1));
      while (next < header.size() && is_space(header[next])) {
        eol = header.find('\n', next);
        std::size_t after = eol == std::string_view::npos ? header.size() : eol + 1;
        value += header.substr(next, after - next);
        next = after;
      }
      for (char& c : value)
        if (c == '\r' || c == '\n') c = ' ';
      return value;
    }
    pos = next;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FromLine> parse_from_line(std::string_view line) {
  if (!is_from_separator_prefix(line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  auto words = split_words(line.substr(5));
  // The date starts at a weekday followed by a month (some writers leave out the weekday).
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t month_at = i;
    if (index_of(words[i], kWeekdays) >= 0 && i + 1 < words.size()) month_at = i + 1;
    if (index_of(words[month_at], kMonths) < 0) continue;
    auto date = parse_date(words, month_at);
    if (!date) continue;
    FromLine from;
    const std::size_t sender_end =
        i == 0 ? 0 : static_cast<std::size_t>(words[i - 1].data() + words[i - 1].size() - line.data());
    from.sender = sender_end == 0 ? std::string(kDefaultSender) : std::string(line.substr(5, sender_end - 5));
    while (!from.sender.empty() && is_space(from.sender.front())) from.sender.erase(0, 1);
    from.date = *date;
    return from;
  }
  return std::nullopt;
}

std::string format_from_line(std::string_view sender, std::int64_t date) {
  using namespace std::chrono;
  const sys_seconds tp{seconds{date}};
  const auto day_point = floor<days>(tp);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{tp - day_point};
  const weekday wd{day_point};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, " %s %s %2u %02d:%02d:%02d %d", kWeekdays[wd.c_encoding()].data(),
                kMonths[static_cast<unsigned>(ymd.month()) - 1].data(), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(ymd.year()));
  std::string out = "From ";
  out += is_plain_sender(sender) ? sender : kDefaultSender;
  out += buffer;
  return out;
}

// ---- MboxSplitter -----------------------------------------------------------

Status MboxSplitter::feed(std::string_view chunk, std::vector<MboxMessage>& out) {
  if (error_) return *error_;
  while (!chunk.empty()) {
    const std::size_t eol = chunk.find('\n');
    const std::size_t take = eol == std::string_view::npos ? chunk.size() : eol + 1;
    append_to_line(chunk.substr(0, take));
    chunk.remove_prefix(take);
    if (eol != std::string_view::npos) KURIR_TRY(end_line(out));
  }
  return {};
}

Status MboxSplitter::finish(std::vector<MboxMessage>& out) {
  if (error_) return *error_;
  if (line_size_ > 0) KURIR_TRY(end_line(out));
  if (in_message_) emit(out);
  in_message_ = false;
  return {};
}

void MboxSplitter::append_to_line(std::string_view piece) {
  line_size_ += piece.size();
  // Keep the whole line while it fits the message; past that only as much as
  // a From_ line may have (the message is oversized by then).
  std::size_t cap = kMaxFromLineBytes + 2;
  if (in_message_ && !current_.oversized && current_.size + line_size_ <= max_message_bytes_ + 2)
    cap = std::string::npos;
  if (line_.size() < cap) line_.append(piece.substr(0, cap - line_.size()));
}

Status MboxSplitter::end_line(std::vector<MboxMessage>& out) {
  ++line_number_;
  std::string_view line = line_;
  const bool full = line.size() == line_size_;
  const bool from_prefix = full && line_size_ <= kMaxFromLineBytes + 2 && is_from_separator_prefix(line);
  if (!in_message_) {
    if (from_prefix) {
      // The first From_ line of a file is taken as one even with a date we cannot read.
      current_ = MboxMessage{};
      current_.from = parse_from_line(line).value_or(FromLine{std::string(kDefaultSender), 0});
      current_.line = line_number_;
      in_message_ = true;
      previous_blank_ = false;
    } else if (!(full && is_blank(line))) {
      error_ = make_error(Errc::invalid_argument, "not an mbox file: line " + std::to_string(line_number_) +
                                                     " comes before any \"From \" line");
      return *error_;
    }
  } else if (from_prefix && previous_blank_) {
    if (auto from = parse_from_line(line)) {
      emit(out);
      current_ = MboxMessage{};
      current_.from = std::move(*from);
      current_.line = line_number_;
      previous_blank_ = false;
      line_.clear();
      line_size_ = 0;
      return {};
    }
    add_body_line(line);
  } else {
    add_body_line(line);
  }
  line_.clear();
  line_size_ = 0;
  return {};
}

void MboxSplitter::add_body_line(std::string_view line) {
  previous_blank_ = line.size() == line_size_ && is_blank(line);
  if (previous_blank_) blank_size_ = line.size();
  current_.size += line_size_;
  if (current_.oversized) return;
  if (current_.size > max_message_bytes_ + 2) {
    current_.oversized = true;
    std::string().swap(current_.bytes);
    return;
  }
  // mboxrd: ">From " -> "From ", ">>From " -> ">From ", ...
  if (!line.empty() && line[0] == '>' && is_quotable(line)) line.remove_prefix(1);
  current_.bytes += line;
}

void MboxSplitter::emit(std::vector<MboxMessage>& out) {
  if (previous_blank_) {
    // The blank line before the next From_ line (or the end) is the separator's.
    if (!current_.oversized) current_.bytes.resize(current_.bytes.size() - blank_size_);
    current_.size -= blank_size_;
  }
  if (current_.size > max_message_bytes_) {
    current_.oversized = true;
    std::string().swap(current_.bytes);
  }
  out.push_back(std::move(current_));
  current_ = MboxMessage{};
  previous_blank_ = false;
}

// ---- writing ---------------------------------------------------------------

std::string mbox_sender(std::string_view message) {
  const std::string_view header = message.substr(0, header_end(message));
  if (auto return_path = field_value(header, "return-path")) {
    auto address = address_in(*return_path);
    if (address && address->empty()) return std::string(kDefaultSender);  // <>: a bounce
    if (address && is_plain_sender(*address)) return *address;
  }
  if (auto from = field_value(header, "from")) {
    auto address = address_in(*from);
    if (address && is_plain_sender(*address)) return *address;
  }
  return std::string(kDefaultSender);
}

void write_mbox_message(std::string& out, std::string_view message, const store::Flags& flags,
                        std::int64_t internal_date) {
  std::string text = to_lf(message);
  take_flag_headers(text);  // the stored flags are the truth, not leftovers in the bytes
  // Final CRs and the LF the file needs after them would read back as a
  // line end (to_lf): make them one now.
  if (!text.empty() && text.back() == '\r') {
    while (!text.empty() && text.back() == '\r') text.pop_back();
    text += '\n';
  }
  const std::string flag_fields = format_flag_headers(flags);
  if (!flag_fields.empty()) {
    std::size_t at = header_end(text);
    if (at == text.size() && !text.empty() && text.back() != '\n') {
      text += '\n';
      at = text.size();
    }
    text.insert(at, flag_fields);
  }
  out += format_from_line(mbox_sender(text), internal_date);
  out += '\n';
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::size_t next = eol == std::string::npos ? text.size() : eol + 1;
    std::string_view line(text.data() + pos, next - pos);
    if (is_quotable(line)) out += '>';
    out += line;
    pos = next;
  }
  if (!text.empty() && text.back() != '\n') out += '\n';
  out += '\n';
}

}  // namespace kurir::transfer
