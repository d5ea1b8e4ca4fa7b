// Self-signed certificates for `kurir init`, so TLS works from the first
// start; the operator replaces them with real ones (their paths are in kurir.toml).
//
// Thread-safety: no shared state.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace kurir::net {

// Writes a new EC P-256 key (mode 0600) and a self-signed certificate valid
// for ten years, for hostname (subject CN and subjectAltName DNS), as PEM.
Status write_self_signed_certificate(std::string_view hostname, const std::filesystem::path& certificate,
                                     const std::filesystem::path& private_key);

}  // namespace kurir::net
