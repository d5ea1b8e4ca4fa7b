#include "transfer/flag_headers.hpp"

#include <algorithm>

#include "core/limits.hpp"

namespace kurir::transfer {

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_field(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (ascii_lower(line[i]) != name[i]) return false;
  return true;
}

bool is_blank_line(std::string_view line) { return line == "\n" || line == "\r\n"; }

// Splits the field value (after the colon, continuation lines included) into words.
template <class F>
void for_each_word(std::string_view value, F&& f) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ',' || value[i] == '\r' ||
                                value[i] == '\n'))
      ++i;
    std::size_t start = i;
    while (i < value.size() && !(value[i] == ' ' || value[i] == '\t' || value[i] == ',' || value[i] == '\r' ||
                                 value[i] == '\n'))
      ++i;
    if (i > start) f(value.substr(start, i - start));
  }
}

void read_field(std::string_view name, std::string_view value, store::Flags& flags) {
  if (name == "status") {
    for (char c : value)
      if (c == 'R') flags.system |= store::kSeen;
  } else if (name == "x-status") {
    for (char c : value) {
      if (c == 'A') flags.system |= store::kAnswered;
      if (c == 'F') flags.system |= store::kFlagged;
      if (c == 'T') flags.system |= store::kDraft;
      if (c == 'D') flags.system |= store::kDeleted;
    }
  } else {
    for_each_word(value, [&](std::string_view word) {
      if (is_valid_keyword(word)) flags.keywords.emplace_back(word);
    });
  }
}

}  // namespace

std::size_t header_end(std::string_view message) {
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t eol = message.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? message.size() : eol + 1;
    if (is_blank_line(message.substr(pos, next - pos))) return pos;
    pos = next;
  }
  return message.size();
}

store::Flags take_flag_headers(std::string& message) {
  static constexpr std::string_view kNames[] = {"status", "x-status", "x-keywords"};
  store::Flags flags;
  const std::size_t end = header_end(message);
  std::string out;
  std::size_t copied = 0;  // message[copied, pos) is still to be copied to out
  std::size_t pos = 0;
  while (pos < end) {
    std::size_t eol = message.find('\n', pos);
    std::size_t next = eol == std::string::npos || eol >= end ? end : eol + 1;
    std::string_view line(message.data() + pos, next - pos);
    const std::string_view* name = nullptr;
    for (const auto& n : kNames)
      if (starts_with_field(line, n)) name = &n;
    if (!name) {
      pos = next;
      continue;
    }
    // RFC 5322 2.2.3: the field goes on over lines that start with white space.
    std::size_t field_end = next;
    while (field_end < end && (message[field_end] == ' ' || message[field_end] == '\t')) {
      std::size_t e = message.find('\n', field_end);
      field_end = e == std::string::npos || e >= end ? end : e + 1;
    }
    read_field(*name, std::string_view(message).substr(pos + name->size() + 1, field_end - pos - name->size() - 1),
               flags);
    out.append(message, copied, pos - copied);
    copied = field_end;
    pos = field_end;
  }
  if (copied != 0) {
    out.append(message, copied, std::string::npos);
    message = std::move(out);
  }
  std::sort(flags.keywords.begin(), flags.keywords.end());
  flags.keywords.erase(std::unique(flags.keywords.begin(), flags.keywords.end()), flags.keywords.end());
  return flags;
}

std::string format_flag_headers(const store::Flags& flags) {
  std::string out;
  if (flags.system & store::kSeen) out += "Status: RO\n";
  std::string x;
  if (flags.system & store::kAnswered) x += 'A';
  if (flags.system & store::kFlagged) x += 'F';
  if (flags.system & store::kDraft) x += 'T';
  if (flags.system & store::kDeleted) x += 'D';
  if (!x.empty()) out += "X-Status: " + x + "\n";
  if (!flags.keywords.empty()) {
    out += "X-Keywords:";
    for (const auto& k : flags.keywords) out += " " + k;
    out += "\n";
  }
  return out;
}

bool is_valid_keyword(std::string_view keyword) {
  if (keyword.empty() || keyword.size() > limits::kMaxKeywordBytes) return false;
  for (char ch : keyword) {
    auto c = static_cast<unsigned char>(ch);
    // RFC 3501 9: atom-specials, '\' (system flags) and ']' are not part of a keyword.
    if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' ||
        c == '\\' || c == ']')
      return false;
  }
  return true;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

std::string to_lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      std::size_t run = text.find_first_not_of('\r', i);
      if (run != std::string_view::npos && text[run] == '\n') {
        i = run - 1;  // CRs that end a line all go: "\r\r\n" is a line end, not a CR and a line end
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace kurir::transfer
