// Which addresses an authenticated user may send as (DESIGN.md "Security
// rules": envelope senders and From addresses it owns): its own address, and
// every address whose mail reaches it (aliases, sub-addresses "user+tag@",
// a catch-all for otherwise unused names) — exactly what
// Store::resolve_recipient says.
//
// Thread-safety: blocks on the store; call through service::run_blocking.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "store/store.hpp"

namespace kurir::smtp {

Result<bool> owns_address(store::Store& store, const store::Account& account, std::string_view address);

// "Local@Domain" lower-cased (addresses are compared case-insensitively, as the store keeps them).
std::string lower(std::string_view text);

}  // namespace kurir::smtp
