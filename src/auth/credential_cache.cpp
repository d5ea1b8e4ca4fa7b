#include "auth/credential_cache.hpp"

#include <sodium.h>

#include <stdexcept>

#include "auth/password.hpp"

namespace kurir::auth {

namespace {

void absorb(crypto_generichash_state& state, std::string_view part) {
  // Length-prefix each part so that ("ab","c") and ("a","bc") differ.
  const unsigned long long size = part.size();
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
}

}  // namespace

CredentialCache::CredentialCache(std::chrono::seconds ttl, std::size_t max_entries)
    : ttl_(ttl), max_entries_(max_entries), key_(crypto_generichash_KEYBYTES, '\0') {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  randombytes_buf(key_.data(), key_.size());
}

std::string CredentialCache::mac(std::string_view address, std::string_view password,
                                 std::string_view stored_hash) const {
  crypto_generichash_state state;
  crypto_generichash_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size(),
                          crypto_generichash_BYTES);
  absorb(state, address);
  absorb(state, password);
  absorb(state, stored_hash);
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out.size());
  return out;
}

bool CredentialCache::check(std::string_view address, std::string_view password, std::string_view stored_hash,
                            Clock::time_point now) {
  const std::string expected = mac(address, password, stored_hash);
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(address));
  if (it == entries_.end()) return false;
  if (it->second.expires <= now) {
    entries_.erase(it);
    return false;
  }
  return it->second.mac.size() == expected.size() &&
         sodium_memcmp(it->second.mac.data(), expected.data(), expected.size()) == 0;
}

void CredentialCache::remember(std::string_view address, std::string_view password, std::string_view stored_hash,
                               Clock::time_point now) {
  std::string value = mac(address, password, stored_hash);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) {
    // Drop the expired; if still full, start over rather than grow without bound.
    std::erase_if(entries_, [now](const auto& item) { return item.second.expires <= now; });
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_.insert_or_assign(std::string(address), Entry{std::move(value), now + ttl_});
}

bool CredentialCache::verify(std::string_view address, std::string_view password, std::string_view stored_hash) {
  if (check(address, password, stored_hash)) return true;
  if (!verify_password(stored_hash, password)) return false;
  remember(address, password, stored_hash);
  return true;
}

void CredentialCache::forget(std::string_view address) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::string(address));
}

}  // namespace kurir::auth
