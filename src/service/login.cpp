#include "service/login.hpp"

#include <algorithm>
#include <string>

#include "core/limits.hpp"
#include "core/log.hpp"

namespace kurir::service {

Result<store::Account> Login::verify(std::string_view name, std::string_view password, std::string_view ip) {
  std::string address(name.substr(0, limits::kMaxAddressBytes + 1));
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto account = store_.find_account(address);
  if (account.ok() && cache_.verify(address, password, account->password_hash)) {
    throttle_.record_success(ip, address);
    return account;
  }
  if (!account.ok() && account.error().code != Errc::not_found) return account.error();
  throttle_.record_failure(ip, address);
  log::info("login failed for {} from {}", address, ip);
  return make_error(Errc::permission_denied, "invalid user name or password");
}

}  // namespace kurir::service
