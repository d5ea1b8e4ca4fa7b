// Password hashing with argon2id (libsodium), the only form in which Kurir
// stores a password.
//
// SECURITY: the cleartext passed in is untrusted and bounded by
// limits::kMaxPasswordBytes. Each call costs about 50 ms of CPU and 64 MiB of
// memory (libsodium's "interactive" setting): never call these on an I/O
// thread, and put a CredentialCache in front of verify_password on login paths.
//
// Thread-safety: safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::auth {

// Returns the argon2id string ("$argon2id$v=19$m=...") for password.
// Fails invalid_argument for an empty or over-long password.
Result<std::string> hash_password(std::string_view password);

// True when password matches hash. False for any malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace kurir::auth
