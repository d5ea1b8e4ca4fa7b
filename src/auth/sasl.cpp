#include "auth/sasl.hpp"

#include <sodium.h>

#include "core/limits.hpp"

namespace kurir::auth {

Result<std::string> decode_base64(std::string_view text) {
  if (text.size() > limits::kMaxSaslResponseBytes)
    return make_error(Errc::limit_exceeded, "SASL response too long");
  // Check the alphabet and padding ourselves: libsodium 1.0.18 lets some
  // bytes above 0x7F through as if they were base64 digits (found by fuzz_auth_sasl).
  if (text.size() % 4 != 0) return make_error(Errc::invalid_argument, "invalid base64");
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    const char c = text[i];
    const bool digit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!digit) return make_error(Errc::invalid_argument, "invalid base64");
  }
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size())
    return make_error(Errc::invalid_argument, "invalid base64");
  out.resize(length);
  return out;
}

std::string encode_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<PlainCredentials> decode_plain(std::string_view base64) {
  auto decoded = decode_base64(base64);
  if (!decoded.ok()) return decoded.error();
  const std::string_view message = *decoded;
  const auto first = message.find('\0');
  if (first == std::string_view::npos) return make_error(Errc::invalid_argument, "PLAIN: no NUL separators");
  const auto second = message.find('\0', first + 1);
  if (second == std::string_view::npos) return make_error(Errc::invalid_argument, "PLAIN: one NUL separator only");
  if (message.find('\0', second + 1) != std::string_view::npos)
    return make_error(Errc::invalid_argument, "PLAIN: too many NUL separators");
  PlainCredentials credentials{std::string(message.substr(0, first)),
                               std::string(message.substr(first + 1, second - first - 1)),
                               std::string(message.substr(second + 1))};
  if (credentials.authcid.empty() || credentials.password.empty())
    return make_error(Errc::invalid_argument, "PLAIN: empty user name or password");
  return credentials;
}

}  // namespace kurir::auth
