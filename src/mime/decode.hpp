// Decoding through GMime: RFC 2047 encoded words, charsets to UTF-8, transfer
// encodings (base64, quoted-printable, x-uuencode), dates. The only module
// that includes GMime; everything here returns our own types.
//
// SECURITY: inputs are untrusted; every function is linear in its input and
// returns a value (never fails). Invalid byte sequences become U+FFFD.
// Thread-safety: safe from any thread once GMime is initialised (each call
// ensures that, once per process).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kurir::mime {

// Calls g_mime_init() once per process.
void ensure_gmime();

// RFC 2047 decoding of unstructured text (Subject) to UTF-8; raw 8-bit bytes
// are taken as UTF-8 when valid, else through GMime's fallback charsets.
std::string decode_header_text(std::string_view raw);

// RFC 2047 5(3) decoding of a phrase (display names) to UTF-8.
std::string decode_phrase(std::string_view raw);

// Converts `bytes` in `charset` to UTF-8. An empty, unknown or ASCII charset
// with non-ASCII bytes is guessed (UTF-8 when valid, else GMime's fallback).
std::string to_utf8(std::string_view bytes, std::string_view charset);

// True when `s` is valid UTF-8.
bool is_utf8(std::string_view s);

// Decodes a body in transfer encoding `encoding` (upper-case, as in
// Part::encoding). Appends at most `max_out` decoded bytes to `out` when `out`
// is not null, and returns the full decoded size (computed in fixed-size
// chunks: memory stays bounded for any body size). Unknown encodings are
// identity.
std::uint64_t decode_transfer(std::string_view body, std::string_view encoding, std::string* out,
                              std::size_t max_out);

// RFC 5322 3.3 date-time (and obsolete forms) to seconds since the epoch; 0
// when it cannot be parsed.
std::int64_t parse_date(std::string_view raw);

}  // namespace kurir::mime
