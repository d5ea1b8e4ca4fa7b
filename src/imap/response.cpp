#include "imap/response.hpp"

#include "core/mutf7.hpp"

namespace kurir::imap {

std::string imap_string(std::string_view value, bool utf8) {
  bool quotable = value.size() <= 1024;  // long values read better as literals
  for (unsigned char c : value) {
    if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8)) {
      quotable = false;
      break;
    }
  }
  if (!quotable) return "{" + std::to_string(value.size()) + "}\r\n" + std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string nstring(std::string_view value, bool utf8) {
  return value.empty() ? "NIL" : imap_string(value, utf8);
}

std::string mailbox_name(std::string_view utf8_name, bool utf8) {
  if (utf8) return imap_string(utf8_name, true);
  return imap_string(encode_mutf7(utf8_name), false);
}

std::string flag_list(const store::Flags& flags) {
  static constexpr std::pair<store::SystemFlag, const char*> kNames[] = {
      {store::kSeen, "\\Seen"},       {store::kAnswered, "\\Answered"}, {store::kFlagged, "\\Flagged"},
      {store::kDeleted, "\\Deleted"}, {store::kDraft, "\\Draft"},
  };
  std::string out = "(";
  for (const auto& [bit, name] : kNames) {
    if (!(flags.system & bit)) continue;
    if (out.size() > 1) out += ' ';
    out += name;
  }
  for (const auto& keyword : flags.keywords) {
    if (out.size() > 1) out += ' ';
    out += keyword;
  }
  out += ')';
  return out;
}

std::string number_set(std::span<const std::uint32_t> ascending) {
  std::string out;
  for (std::size_t i = 0; i < ascending.size();) {
    std::size_t j = i;
    while (j + 1 < ascending.size() && ascending[j + 1] == ascending[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(ascending[i]);
    if (j > i) out += ':' + std::to_string(ascending[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace kurir::imap
