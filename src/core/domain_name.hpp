// Domain names as Kurir keeps them: ASCII letters lower-cased, no trailing
// dot. Shared by the store (domains, addresses) and the config (lists of
// domains), so both accept the same names. Pure functions.
//
// SECURITY: bounds the length (core/limits.hpp) and rejects anything but
// letters, digits, '-' and UTF-8 (internationalised names, RFC 6531).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir {

// ASCII letters lower-cased; every other byte as it is.
std::string ascii_lower(std::string_view text);

// Lower-case, without a trailing dot; labels of 1..63 bytes, not starting or
// ending with '-'. Fails invalid_argument.
Result<std::string> normalize_domain(std::string_view name);

}  // namespace kurir
