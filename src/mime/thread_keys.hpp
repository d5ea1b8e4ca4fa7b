// Threading keys (RFC 5256 2.2, RFC 5322 3.6.4): Message-IDs from
// Message-ID, In-Reply-To and References.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kurir::mime {

// The msg-ids ("<...>") in `value`, without brackets and white space, in
// order. Keeps at most `max` of them: the first and the last max-1 (RFC 5322
// 3.6.4 suggests trimming References this way: the root and the recent parents
// matter most). A value with no brackets yields the whole trimmed value.
std::vector<std::string> message_ids(std::string_view value, std::size_t max);

}  // namespace kurir::mime
