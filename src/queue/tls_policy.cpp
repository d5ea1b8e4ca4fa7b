#include "queue/tls_policy.hpp"

namespace kurir::queue {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with_label(std::string_view domain, std::string_view suffix) {
  if (domain.size() < suffix.size()) return false;
  const std::size_t start = domain.size() - suffix.size();
  // Whole labels only: the match starts the name or follows a dot.
  if (start > 0 && domain[start - 1] != '.') return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (lower(domain[start + i]) != suffix[i]) return false;
  return true;
}

}  // namespace

bool tls_required_for(std::string_view domain, std::span<const std::string> required) {
  // RFC 1034 3.1: a name may end with the root's dot; it names the same domain.
  if (domain.ends_with('.')) domain.remove_suffix(1);
  for (const std::string& r : required)
    if (!r.empty() && ends_with_label(domain, r)) return true;
  return false;
}

}  // namespace kurir::queue
