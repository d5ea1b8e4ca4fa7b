// Content-Type and Content-Disposition values (RFC 2045 5.1, RFC 2183 2)
// with their parameters, including RFC 2231 continuations and charsets.
//
// SECURITY: reads untrusted header values; linear; never fails (a value that
// does not parse yields valid=false and whatever parameters could be read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mime/message.hpp"

namespace kurir::mime {

struct ContentValue {
  bool valid = false;    // the type (and, for Content-Type, "/" subtype) parsed
  std::string type;      // lower-case
  std::string subtype;   // lower-case; empty for Content-Disposition
  std::vector<Param> params;
};

// Content-Type: type "/" subtype *(";" parameter). `value` is unfolded.
ContentValue parse_content_type(std::string_view value);

// Content-Disposition: disposition-type *(";" parameter). `value` is unfolded.
ContentValue parse_disposition(std::string_view value);

// The value of parameter `name` (lower-case), or nullptr.
const std::string* find_param(const std::vector<Param>& params, std::string_view name);

// Content-Language (RFC 3282): comma-separated tags, comments dropped.
std::vector<std::string> parse_language(std::string_view value);

}  // namespace kurir::mime
