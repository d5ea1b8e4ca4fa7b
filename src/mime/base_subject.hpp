// RFC 5256 2.1 base subject, for SORT by SUBJECT and THREAD=ORDEREDSUBJECT.
#pragma once

#include <string>
#include <string_view>

namespace kurir::mime {

// REQUIRES: `subject` is decoded UTF-8 (RFC 5256 2.1 step 1's conversion done).
std::string base_subject(std::string_view subject);

}  // namespace kurir::mime
