// Mailbox names on the wire (RFC 9051 5.1, RFC 3501 5.1.3, RFC 6855 3).
#include <string>

#include "core/mutf7.hpp"
#include "imap/parser/grammar.hpp"
#include "imap/parser/parser.hpp"

namespace kurir::imap {

namespace {

// RFC 3629 UTF-8: no overlongs, no surrogates, at most U+10FFFF; no NUL.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      extra = 1;
    else if (c == 0xE0)
      extra = 2, lo = 0xA0;
    else if (c == 0xED)
      extra = 2, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF)
      extra = 2;
    else if (c == 0xF0)
      extra = 3, lo = 0x90;
    else if (c == 0xF4)
      extra = 3, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3)
      extra = 3;
    else
      return false;
    if (i + extra >= s.size()) return false;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return false;
    for (std::size_t k = 2; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::optional<std::string> decode_mailbox_name(std::string_view name, bool utf8_accept) {
  std::string out;
  if (utf8_accept) {
    // RFC 6855 3: after ENABLE UTF8=ACCEPT names are UTF-8 and "&" is itself.
    out.assign(name);
  } else {
    auto decoded = decode_mutf7(name);
    if (!decoded) return std::nullopt;
    out = std::move(*decoded);
  }
  if (!valid_utf8(out)) return std::nullopt;
  // RFC 9051 5.1: "INBOX" is case-insensitive; so is its use as the top
  // level of a hierarchy under it (as Dovecot and Cyrus also treat it).
  if (out.size() >= 5 && grammar::iequals(std::string_view(out).substr(0, 5), "INBOX") &&
      (out.size() == 5 || out[5] == '/'))
    out.replace(0, 5, "INBOX");
  return out;
}

std::string encode_mailbox_name(std::string_view name, bool utf8_accept) {
  return utf8_accept ? std::string(name) : encode_mutf7(name);
}

namespace grammar {

namespace {

bool decode_into(Reader& r, std::string& name, std::string_view what) {
  auto decoded = decode_mailbox_name(name, r.options().utf8_accept);
  if (!decoded) {
    return r.fail(r.options().utf8_accept ? "invalid UTF-8 in " + std::string(what)
                                          : "malformed modified UTF-7 in " + std::string(what) +
                                                " (RFC 3501 5.1.3; or ENABLE UTF8=ACCEPT)");
  }
  name = std::move(*decoded);
  return true;
}

}  // namespace

bool mailbox(Reader& r, std::string& out, std::string_view what) {
  return r.astring(out, what) && decode_into(r, out, what);
}

bool list_pattern(Reader& r, std::string& out) {
  return r.list_mailbox(out, "mailbox pattern") && decode_into(r, out, "mailbox pattern");
}

}  // namespace grammar
}  // namespace kurir::imap
