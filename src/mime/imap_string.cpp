// IMAP string output; see imap_string.hpp.
#include "mime/imap_string.hpp"

#include <charconv>

namespace kurir::mime {

void append_string(std::string& out, std::string_view s) {
  bool quotable = s.size() <= kMaxQuotedBytes;
  std::size_t nuls = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0) ++nuls;
    // RFC 3501 9: QUOTED-CHAR is any TEXT-CHAR (CHAR except CR and LF).
    if (u == 0 || u >= 0x80 || c == '\r' || c == '\n') quotable = false;
  }
  if (quotable) {
    out.push_back('"');
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
    return;
  }
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  out.push_back('{');
  append_number(out, s.size() + nuls * (kReplacement.size() - 1));
  out.append("}\r\n");
  for (char c : s) {
    if (c == '\0')
      out.append(kReplacement);
    else
      out.push_back(c);
  }
}

void append_nstring(std::string& out, std::string_view s) {
  if (s.empty())
    append_nil(out);
  else
    append_string(out, s);
}

void append_nil(std::string& out) { out.append("NIL"); }

void append_number(std::string& out, std::uint64_t n) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

}  // namespace kurir::mime
