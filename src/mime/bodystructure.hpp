// IMAP BODY and BODYSTRUCTURE (RFC 3501 7.4.2, RFC 9051 7.5.2) of a part tree.
#pragma once

#include <string>
#include <vector>

#include "mime/message.hpp"

namespace kurir::mime {

// The body of part `index` (0: the whole message). `envelopes[i]` is the
// ENVELOPE of part i wherever part i is a message/rfc822 part's child.
// `extended`: BODYSTRUCTURE (with extension data) rather than BODY.
// REQUIRES: every multipart part has children; every message/rfc822 part has
// exactly one (parse_structure guarantees both).
std::string build_body(const std::vector<Part>& parts, const std::vector<std::string>& envelopes,
                       std::uint32_t index, bool extended);

}  // namespace kurir::mime
