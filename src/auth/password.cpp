#include "auth/password.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

#include "core/limits.hpp"

namespace kurir::auth {

namespace {

void init_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (password.empty()) return make_error(Errc::invalid_argument, "the password is empty");
  if (password.size() > limits::kMaxPasswordBytes)
    return make_error(Errc::invalid_argument, "the password is longer than 1024 bytes");
  init_sodium();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(Errc::internal, "argon2id hashing ran out of memory");
  out.resize(out.find('\0'));
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (password.size() > limits::kMaxPasswordBytes) return false;
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  init_sodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string.
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace kurir::auth
