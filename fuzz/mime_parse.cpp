// libFuzzer target for mime::parse_message (STYLE.md habit 2): any bytes must
// parse without crashing, keep every invariant of validate.hpp (offsets,
// tree shape, RFC 3501 grammar of ENVELOPE/BODY/BODYSTRUCTURE), and survive
// the store's encode/decode round trip unchanged. A violation aborts, so the
// fuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "mime/message.hpp"
#include "mime/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kurir::mime::ParsedMessage m = kurir::mime::parse_message(bytes);
  std::string violation = kurir::mime::find_violation(m, size);
  if (!violation.empty()) {
    std::fprintf(stderr, "invariant violated: %s\n", violation.c_str());
    std::abort();
  }
  auto back = kurir::mime::decode(kurir::mime::encode(m));
  if (!back.ok() || !(*back == m)) {
    std::fprintf(stderr, "encode/decode round trip differs\n");
    std::abort();
  }
  return 0;
}
