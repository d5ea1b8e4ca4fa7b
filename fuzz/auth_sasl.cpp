// Fuzzes the SASL decoders (base64, PLAIN): no crash, and whatever decodes
// re-encodes to the same text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "auth/sasl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto decoded = kurir::auth::decode_base64(input); decoded.ok()) {
    if (kurir::auth::encode_base64(*decoded) != input) std::abort();
  }
  if (auto plain = kurir::auth::decode_plain(input); plain.ok()) {
    if (plain->authcid.empty() || plain->password.empty()) std::abort();
  }
  return 0;
}
