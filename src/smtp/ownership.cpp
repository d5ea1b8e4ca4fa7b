#include "smtp/ownership.hpp"

#include <algorithm>

namespace kurir::smtp {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return out;
}

Result<bool> owns_address(store::Store& store, const store::Account& account, std::string_view address) {
  const std::string wanted = lower(address);
  if (wanted == account.address) return true;
  auto targets = store.resolve_recipient(wanted);
  if (!targets) return targets.error();
  return std::find(targets->begin(), targets->end(), account.address) != targets->end();
}

}  // namespace kurir::smtp
