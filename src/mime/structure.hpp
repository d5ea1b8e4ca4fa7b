// The MIME part tree (RFC 2045, RFC 2046 5.1 multipart, 5.2.1 message/rfc822)
// with the byte offsets of every header and body, body line counts and
// decoded sizes.
//
// SECURITY: reads untrusted bytes. Linear in the input: each nesting level
// scans its own body once and nesting stops at limits::kMaxMimeDepth, so the
// total work is at most kMaxMimeDepth passes. Part count, depth and header
// fields are cut at their limits (core/limits.hpp), never rejected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mime/header.hpp"
#include "mime/message.hpp"

namespace kurir::mime {

struct Structure {
  std::vector<Part> parts;               // pre-order, as ParsedMessage::parts
  std::vector<std::string> envelopes;    // ENVELOPE per part; set for message roots (part 0 and message/rfc822 children)
  std::vector<HeaderField> root_fields;  // the top-level header's fields (views into the message)
  bool truncated = false;
};

Structure parse_structure(std::string_view message);

}  // namespace kurir::mime
