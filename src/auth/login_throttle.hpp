// Slows down password guessing, for every protocol together: each failed
// login from an IP address, and each against an account, makes the next
// answer to that address or for that account wait longer (doubling from
// kFirstDelay up to kMaxDelay). The count fades kForgetAfter after the last
// failure; a success clears the account's count and the address's.
//
// Thread-safety: safe from any thread (one mutex; operations are O(1)).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kurir::auth {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kFirstDelay{500};
  static constexpr std::chrono::milliseconds kMaxDelay{15000};
  static constexpr std::chrono::minutes kForgetAfter{15};

  explicit LoginThrottle(std::size_t max_entries = 100000) : max_entries_(max_entries) {}

  // How long to wait before answering a login attempt (success or not) from ip for account.
  std::chrono::milliseconds delay(std::string_view ip, std::string_view account, Clock::time_point now = Clock::now());
  void record_failure(std::string_view ip, std::string_view account, Clock::time_point now = Clock::now());
  void record_success(std::string_view ip, std::string_view account);

 private:
  struct Entry {
    std::uint32_t failures = 0;
    Clock::time_point last;
  };
  std::chrono::milliseconds delay_for(const std::string& key, Clock::time_point now);
  void bump(const std::string& key, Clock::time_point now);

  const std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // "ip:" + address, "account:" + address
};

}  // namespace kurir::auth
