// Password login for every protocol: finds the account, checks the password
// (through the credential cache, argon2id on a miss), and feeds the throttle.
// Which protocol the account may use (IMAP or POP3 switch) is the caller's check.
//
// Thread-safety: safe from any thread. verify() blocks (store read, maybe
// argon2id): call it through run_blocking(), never on an I/O thread.
#pragma once

#include <chrono>
#include <string_view>

#include "auth/credential_cache.hpp"
#include "auth/login_throttle.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace kurir::service {

class Login {
 public:
  explicit Login(store::Store& store) : store_(store) {}

  // The wait before answering an attempt from ip for this name (the throttle).
  std::chrono::milliseconds delay(std::string_view ip, std::string_view name) { return throttle_.delay(ip, name); }

  // The account when name (an address, any case) and password match.
  // Fails permission_denied for an unknown name or a wrong password alike,
  // so the reply does not tell which.
  Result<store::Account> verify(std::string_view name, std::string_view password, std::string_view ip);

 private:
  store::Store& store_;
  auth::CredentialCache cache_;
  auth::LoginThrottle throttle_;
};

}  // namespace kurir::service
