// Which recipient domains get their mail only over TLS ([queue]
// require_tls_domains): a listed domain covers itself and its subdomains;
// every other domain stays opportunistic (RFC 7435), unless [queue]
// require_tls asks TLS of all. Required TLS is "encrypted", not
// "authenticated": the certificate is not checked (no DANE or MTA-STS yet).
// Pure.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kurir::queue {

// Whether mail to DOMAIN must go over TLS: it is one of REQUIRED, or a
// subdomain of one ("eu.bank.example" under "bank.example", not
// "notbank.example"). REQUIRES: REQUIRED lower case (as the config reads
// it); DOMAIN is compared without regard to case.
bool tls_required_for(std::string_view domain, std::span<const std::string> required);

}  // namespace kurir::queue
