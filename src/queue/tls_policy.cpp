#include "queue/tls_policy.hpp"

#include "core/domain_name.hpp"

namespace kurir::queue {

bool tls_required_for(std::string_view domain, std::span<const std::string> required) {
  std::string name = ascii_lower(domain);
  // RFC 1034 3.1: a name may end with the root's dot; it names the same domain.
  if (name.ends_with('.')) name.pop_back();
  for (const std::string& r : required) {
    // Whole labels only: the match is the name, or follows a dot.
    if (r.empty() || !name.ends_with(r)) continue;
    if (name.size() == r.size() || name[name.size() - r.size() - 1] == '.') return true;
  }
  return false;
}

}  // namespace kurir::queue
