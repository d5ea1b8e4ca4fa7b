#include "core/domain_name.hpp"

#include <algorithm>
#include <cctype>

#include "core/limits.hpp"

namespace kurir {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

Result<std::string> normalize_domain(std::string_view name) {
  const auto invalid = [name] {
    return make_error(Errc::invalid_argument, "not a domain name: \"" + std::string(name.substr(0, 300)) + "\"");
  };
  std::string d = ascii_lower(name);
  if (!d.empty() && d.back() == '.') d.pop_back();
  if (d.empty() || d.size() > limits::kMaxDomainBytes) return invalid();
  std::size_t label = 0;
  for (std::size_t i = 0; i <= d.size(); ++i) {
    if (i == d.size() || d[i] == '.') {
      if (label == 0 || label > 63) return invalid();
      if (d[i - 1] == '-' || d[i - label] == '-') return invalid();
      label = 0;
      continue;
    }
    auto c = static_cast<unsigned char>(d[i]);
    // Letters, digits, '-', and UTF-8 (internationalised names, RFC 6531).
    if (!(std::isalnum(c) || c == '-' || c >= 0x80)) return invalid();
    ++label;
  }
  return d;
}

}  // namespace kurir
