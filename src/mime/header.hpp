// Header block splitting (RFC 5322 2.2): finds the fields of one entity's
// header with their byte offsets, and unfolds field values. Pure and linear.
//
// SECURITY: reads untrusted bytes; bounded by limits::kMaxHeaderFields per
// block (the rest stays in the header bytes, unrecorded). Never fails.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kurir::mime {

struct HeaderField {
  std::string_view name;   // as written, without trailing white space or the colon
  std::string_view value;  // raw: after the colon to the end of the field, folds kept, final line ending dropped
  std::uint64_t offset = 0;  // of the name's first byte in the message
};

struct HeaderBlock {
  std::vector<HeaderField> fields;
  // First byte of the body: after the blank line that ends the header; or the
  // start of the first line that is neither a field nor a fold (a header with
  // no blank line); or `end` when the header runs to the end.
  std::uint64_t body_begin = 0;
  bool truncated = false;  // more than kMaxHeaderFields fields
};

// Splits the header that starts at `begin`, looking no further than `end`.
// Accepts CRLF and bare LF line endings.
// REQUIRES: begin <= end <= message.size()
HeaderBlock split_header(std::string_view message, std::uint64_t begin, std::uint64_t end);

// RFC 5322 2.2.3: removes each line ending that a fold made, keeps the white
// space, and trims white space at both ends.
std::string unfold(std::string_view raw);

// ASCII case-insensitive comparison.
bool iequals(std::string_view a, std::string_view b);

// ASCII lower/upper-cased copies.
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);

// The first field named `name` (case-insensitive), or nullptr.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

}  // namespace kurir::mime
