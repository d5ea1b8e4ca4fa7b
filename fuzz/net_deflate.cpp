// Fuzzes the COMPRESS=DEFLATE layer (src/net/deflate.hpp): the compressed
// bytes an IMAP client sends. No crash; output only into the bounded
// buffer. Then a round trip: what one side compresses, the other inflates
// to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "net/deflate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto peer = kurir::net::Deflate::make();
  if (!peer.ok()) std::abort();
  // Fed in two pieces, read in small buffers, as a connection would.
  char out[512];
  std::size_t total = 0;
  for (const std::string_view piece : {input.substr(0, size / 2), input.substr(size / 2)}) {
    (*peer)->feed(piece);
    while ((*peer)->pending()) {
      auto n = (*peer)->decompress(out, sizeof out);
      if (!n.ok()) return 0;
      if (*n > sizeof out) std::abort();
      total += *n;
      if (*n == 0 && (*peer)->pending()) break;  // needs more input
      if (total > 64 * 1024 * 1024) return 0;      // a bomb: the protocol's bounds stop it upstream
    }
  }
  auto a = kurir::net::Deflate::make();
  auto b = kurir::net::Deflate::make();
  if (!a.ok() || !b.ok()) std::abort();
  std::string packed;
  if (!(*a)->compress(input, packed).ok()) std::abort();
  (*b)->feed(packed);
  std::string back;
  while ((*b)->pending()) {
    auto n = (*b)->decompress(out, sizeof out);
    if (!n.ok()) std::abort();
    if (*n == 0) break;
    back.append(out, *n);
  }
  if (back != input) std::abort();
  return 0;
}
