#include "imap/message/sequence_set.hpp"

#include <algorithm>

namespace kurir::imap::message {

bool sequence_set_contains(const SequenceSet& set, std::uint32_t n, std::uint32_t largest) {
  for (const SeqRange& r : set.ranges) {
    // RFC 9051 9: "*" is the largest number in use; a range "4:2" is "2:4".
    const std::uint32_t a = r.first == kStar ? largest : r.first;
    const std::uint32_t b = r.last == kStar ? largest : r.last;
    if (n >= std::min(a, b) && n <= std::max(a, b)) return true;
  }
  return false;
}

std::string format_sequence_set(std::span<const std::uint32_t> ascending) {
  std::string out;
  for (std::size_t i = 0; i < ascending.size();) {
    std::size_t j = i;
    while (j + 1 < ascending.size() && ascending[j + 1] == ascending[j] + 1) ++j;
    if (!out.empty()) out.push_back(',');
    out += std::to_string(ascending[i]);
    if (j > i) {
      out.push_back(':');
      out += std::to_string(ascending[j]);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace kurir::imap::message
