// The server's TLS settings: TLS 1.2 and 1.3 only, modern AEAD ciphers, the
// certificate chain and key from kurir.toml.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>

#include "core/result.hpp"

namespace kurir::net {

// Fails io (naming the file and OpenSSL's reason) when the pair cannot be loaded.
Result<std::shared_ptr<boost::asio::ssl::context>> make_server_tls_context(const std::filesystem::path& certificate,
                                                                           const std::filesystem::path& private_key);

}  // namespace kurir::net
