#include "auth/login_throttle.hpp"

#include <algorithm>

namespace kurir::auth {

namespace {
std::string ip_key(std::string_view ip) { return "ip:" + std::string(ip); }
std::string account_key(std::string_view account) { return "account:" + std::string(account); }
}  // namespace

std::chrono::milliseconds LoginThrottle::delay_for(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::chrono::milliseconds(0);
  if (now - it->second.last > kForgetAfter) {
    entries_.erase(it);
    return std::chrono::milliseconds(0);
  }
  const std::uint32_t doublings = std::min<std::uint32_t>(it->second.failures - 1, 16);
  return std::min<std::chrono::milliseconds>(kMaxDelay, kFirstDelay * (std::int64_t{1} << doublings));
}

std::chrono::milliseconds LoginThrottle::delay(std::string_view ip, std::string_view account, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto by_ip = delay_for(ip_key(ip), now);
  const auto by_account = account.empty() ? std::chrono::milliseconds(0) : delay_for(account_key(account), now);
  return std::max(by_ip, by_account);
}

void LoginThrottle::bump(const std::string& key, Clock::time_point now) {
  auto& entry = entries_[key];
  if (entry.failures > 0 && now - entry.last > kForgetAfter) entry.failures = 0;
  ++entry.failures;
  entry.last = now;
}

void LoginThrottle::record_failure(std::string_view ip, std::string_view account, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) {
    std::erase_if(entries_, [now](const auto& item) { return now - item.second.last > kForgetAfter; });
    // Still full under a wide attack: start over rather than grow without bound.
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  bump(ip_key(ip), now);
  if (!account.empty()) bump(account_key(account), now);
}

void LoginThrottle::record_success(std::string_view ip, std::string_view account) {
  std::lock_guard lock(mutex_);
  entries_.erase(ip_key(ip));
  entries_.erase(account_key(account));
}

}  // namespace kurir::auth
