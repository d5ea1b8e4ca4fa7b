// GMime wrappers; see decode.hpp.
#include "mime/decode.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <mutex>

#include "mime/header.hpp"

namespace kurir::mime {
namespace {

struct GFree {
  void operator()(char* p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// GMime takes NUL-terminated strings: NULs inside become spaces.
std::string c_string(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\0') c = ' ';
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Charsets whose 7-bit bytes are not ASCII text (ISO-2022-JP, UTF-7, HZ).
bool is_7bit_stateful(const std::string& lower_charset) {
  return lower_charset.find("2022") != std::string::npos || lower_charset.find("utf-7") != std::string::npos ||
         lower_charset.find("hz") != std::string::npos;
}

std::string take(char* p) {
  GString owned(p);
  return p ? std::string(p) : std::string();
}

// Guesses the charset of 8-bit text: UTF-8 when valid, else GMime's fallback
// list (which ends in ISO-8859-1, so it always yields something).
std::string guess_utf8(std::string_view bytes) {
  if (is_utf8(bytes)) return std::string(bytes);
  return take(g_mime_utils_decode_8bit(nullptr, bytes.data(), bytes.size()));
}

// iconv loop that never fails: invalid or truncated input becomes U+FFFD.
bool iconv_to_utf8(std::string_view bytes, const std::string& charset, std::string& out) {
  iconv_t cd = g_mime_iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2 + 16);
  char buf[4096];
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = buf;
    std::size_t o_left = sizeof buf;
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<std::size_t>(o - buf));
    if (r == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ (invalid) or EINVAL (truncated at the end): skip one byte.
      out.append(kReplacement);
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  char* o = buf;
  std::size_t o_left = sizeof buf;
  iconv(cd, nullptr, nullptr, &o, &o_left);
  out.append(buf, static_cast<std::size_t>(o - buf));
  g_mime_iconv_close(cd);
  return true;
}

}  // namespace

void ensure_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

std::string decode_header_text(std::string_view raw) {
  ensure_gmime();
  if (is_ascii(raw) && raw.find("=?") == std::string_view::npos) return std::string(raw);
  std::string in = c_string(raw);
  if (!is_ascii(in) && !is_utf8(in)) in = guess_utf8(in);
  return take(g_mime_utils_header_decode_text(nullptr, in.c_str()));
}

std::string decode_phrase(std::string_view raw) {
  ensure_gmime();
  if (is_ascii(raw) && raw.find("=?") == std::string_view::npos) return std::string(raw);
  std::string in = c_string(raw);
  if (!is_ascii(in) && !is_utf8(in)) in = guess_utf8(in);
  return take(g_mime_utils_header_decode_phrase(nullptr, in.c_str()));
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  ensure_gmime();
  std::string cs = ascii_lower(charset);
  if (is_ascii(bytes) && !is_7bit_stateful(cs)) return std::string(bytes);
  if (cs.empty() || cs == "us-ascii" || cs == "ascii" || cs == "utf-8" || cs == "utf8" || cs.find('\0') != std::string::npos)
    return guess_utf8(bytes);
  std::string out;
  if (iconv_to_utf8(bytes, cs, out)) return out;
  return guess_utf8(bytes);
}

std::uint64_t decode_transfer(std::string_view body, std::string_view encoding, std::string* out,
                              std::size_t max_out) {
  ensure_gmime();
  GMimeContentEncoding enc = GMIME_CONTENT_ENCODING_DEFAULT;
  if (iequals(encoding, "BASE64"))
    enc = GMIME_CONTENT_ENCODING_BASE64;
  else if (iequals(encoding, "QUOTED-PRINTABLE"))
    enc = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
  else if (iequals(encoding, "X-UUENCODE") || iequals(encoding, "UUENCODE") || iequals(encoding, "X-UUE"))
    enc = GMIME_CONTENT_ENCODING_UUENCODE;
  if (enc == GMIME_CONTENT_ENCODING_DEFAULT) {
    if (out) out->append(body.substr(0, max_out));
    return body.size();
  }
  GMimeEncoding state;
  g_mime_encoding_init_decode(&state, enc);
  if (enc == GMIME_CONTENT_ENCODING_UUENCODE) {
    // GMime's step decodes the lines after "begin mode name"; find that line.
    std::size_t b = body.starts_with("begin ") ? 0 : body.find("\nbegin ");
    if (b == std::string_view::npos) return 0;
    std::size_t nl = body.find('\n', b + 1);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    state.state |= GMIME_UUDECODE_STATE_BEGIN;
  }
  constexpr std::size_t kChunk = 64 * 1024;
  const std::size_t chunk = std::min(kChunk, body.size());
  std::string buf(g_mime_encoding_outlen(&state, chunk) + 64, '\0');
  std::uint64_t total = 0;
  auto emit = [&](std::size_t n) {
    total += n;
    if (out && out->size() < max_out) out->append(buf.data(), std::min(n, max_out - out->size()));
  };
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t n = std::min(chunk, body.size() - pos);
    emit(g_mime_encoding_step(&state, body.data() + pos, n, buf.data()));
    pos += n;
  }
  emit(g_mime_encoding_flush(&state, nullptr, 0, buf.data()));
  return total;
}

std::int64_t parse_date(std::string_view raw) {
  ensure_gmime();
  std::string in = c_string(raw);
  GDateTime* dt = g_mime_utils_header_decode_date(in.c_str());
  if (!dt) return 0;
  std::int64_t t = g_date_time_to_unix(dt);
  g_date_time_unref(dt);
  return t;
}

}  // namespace kurir::mime
