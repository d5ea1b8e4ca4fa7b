// Logging: spdlog to stderr. Use the kurir::log functions, not spdlog directly,
// so the sink and format stay one decision.
//
// Thread-safety: safe from any thread.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace kurir::log {

// Sets the level by name ("trace", "debug", "info", "warn", "error", "off").
// Returns false for an unknown name.
bool set_level(std::string_view level);

using spdlog::debug;
using spdlog::error;
using spdlog::info;
using spdlog::warn;

}  // namespace kurir::log
