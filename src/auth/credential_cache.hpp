// Remembers recent successful password verifications, so clients that
// reconnect often (phones polling IMAP) do not pay argon2id every time: the
// form of Dovecot's auth cache.
//
// An entry is keyed by the account address and holds a keyed BLAKE2b MAC of
// (address, password, stored hash) under a per-process random key; the
// cleartext is never kept. Because the stored hash is part of the MAC, a
// password change (by this process or by the CLI in another one) makes every
// old entry miss; forget() drops them at once as well.
//
// Thread-safety: safe from any thread (one mutex; operations are O(1)).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kurir::auth {

class CredentialCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit CredentialCache(std::chrono::seconds ttl = std::chrono::minutes(5), std::size_t max_entries = 100000);

  // True when this (address, password) was verified against stored_hash
  // within the time to live.
  bool check(std::string_view address, std::string_view password, std::string_view stored_hash,
             Clock::time_point now = Clock::now());
  // Records a successful verification.
  void remember(std::string_view address, std::string_view password, std::string_view stored_hash,
                Clock::time_point now = Clock::now());
  // The login check: a cache hit, or else argon2id (about 50 ms of CPU: call
  // from a worker thread) and, on success, remember(). False for a wrong password.
  bool verify(std::string_view address, std::string_view password, std::string_view stored_hash);
  // Drops the entries of one address (password changed, account removed).
  void forget(std::string_view address);

 private:
  std::string mac(std::string_view address, std::string_view password, std::string_view stored_hash) const;

  struct Entry {
    std::string mac;
    Clock::time_point expires;
  };

  const std::chrono::seconds ttl_;
  const std::size_t max_entries_;
  std::string key_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kurir::auth
