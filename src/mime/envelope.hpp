// IMAP ENVELOPE (RFC 3501 7.4.2, RFC 9051 7.5.2) of one message header.
#pragma once

#include <string>
#include <vector>

#include "mime/header.hpp"

namespace kurir::mime {

// "(date subject from sender reply-to to cc bcc in-reply-to message-id)" from
// the raw (unfolded, not decoded) values of the first field of each name.
std::string build_envelope(const std::vector<HeaderField>& fields);

}  // namespace kurir::mime
