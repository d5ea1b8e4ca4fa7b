// Message-ID extraction; see thread_keys.hpp.
#include "mime/thread_keys.hpp"

namespace kurir::mime {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Folded or broken ids may hold white space; it is not part of the id.
std::string compact(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!is_space(c)) out.push_back(c);
  return out;
}

}  // namespace

std::vector<std::string> message_ids(std::string_view value, std::size_t max) {
  std::vector<std::string_view> found;
  bool any_bracket = false;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t lt = value.find('<', i);
    if (lt == std::string_view::npos) break;
    any_bracket = true;
    std::size_t gt = value.find('>', lt + 1);
    if (gt == std::string_view::npos) gt = value.size();
    std::string_view id = value.substr(lt + 1, gt - lt - 1);
    if (id.find_first_not_of(" \t\r\n") != std::string_view::npos) found.push_back(id);
    i = gt + 1;
  }
  if (!any_bracket) {  // bare ids separated by white space
    std::size_t k = 0;
    while (k < value.size()) {
      while (k < value.size() && is_space(value[k])) ++k;
      std::size_t b = k;
      while (k < value.size() && !is_space(value[k])) ++k;
      if (k > b) found.push_back(value.substr(b, k - b));
    }
  }
  std::vector<std::string> out;
  if (max == 0 || found.empty()) return out;
  if (found.size() <= max) {
    out.reserve(found.size());
    for (std::string_view id : found) out.push_back(compact(id));
    return out;
  }
  out.reserve(max);
  out.push_back(compact(found.front()));
  for (std::size_t k = found.size() - (max - 1); k < found.size(); ++k) out.push_back(compact(found[k]));
  return out;
}

}  // namespace kurir::mime
