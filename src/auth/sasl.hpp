// SASL mechanisms PLAIN (RFC 4616) and LOGIN (draft-murchison-sasl-login),
// as pure decoders shared by SMTP AUTH, IMAP AUTHENTICATE and POP3 AUTH.
//
// SECURITY: the input is untrusted base64 from the network; sizes are bounded
// (limits::kMaxSaslResponseBytes) and every malformed form is an error value.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::auth {

// RFC 4648 base64, strict (padding required, no whitespace).
Result<std::string> decode_base64(std::string_view text);
std::string encode_base64(std::string_view bytes);

struct PlainCredentials {
  std::string authzid;  // empty, or the identity to act as
  std::string authcid;  // the login name
  std::string password;
};

// RFC 4616 2: message = [authzid] NUL authcid NUL passwd, base64-encoded.
// "=" alone (an empty initial response, RFC 4954 4) decodes to an empty
// message, which is malformed here.
Result<PlainCredentials> decode_plain(std::string_view base64);

// The LOGIN mechanism's two prompts, base64 of "Username:" and "Password:".
inline constexpr std::string_view kLoginUsernamePrompt = "VXNlcm5hbWU6";
inline constexpr std::string_view kLoginPasswordPrompt = "UGFzc3dvcmQ6";

// A client's "*" cancels an exchange (RFC 4954 4, RFC 9051 6.2.2, RFC 5034 4).
inline bool is_sasl_cancel(std::string_view response) { return response == "*"; }

}  // namespace kurir::auth
