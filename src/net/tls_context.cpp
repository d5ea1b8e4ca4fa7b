#include "net/tls_context.hpp"

#include <openssl/err.h>

namespace kurir::net {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>> make_server_tls_context(const std::filesystem::path& certificate,
                                                              const std::filesystem::path& private_key) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  // TLS 1.2: forward-secret AEAD suites only (TLS 1.3's defaults are all such).
  SSL_CTX_set_cipher_list(native,
                          "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                          "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  boost::system::error_code ec;
  context->use_certificate_chain_file(certificate.string(), ec);
  if (ec) return make_error(Errc::io, "cannot load the TLS certificate " + certificate.string() + ": " + ec.message());
  context->use_private_key_file(private_key.string(), ssl::context::pem, ec);
  if (ec) return make_error(Errc::io, "cannot load the TLS key " + private_key.string() + ": " + ec.message());
  if (SSL_CTX_check_private_key(native) != 1)
    return make_error(Errc::io, "the TLS key " + private_key.string() + " does not match " + certificate.string());
  return context;
}

}  // namespace kurir::net
