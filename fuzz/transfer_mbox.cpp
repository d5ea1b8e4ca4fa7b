// Fuzzes the mbox splitter (transfer/mbox.hpp), which reads any file handed
// to `kurir import`. Checks, besides memory safety and the bound:
//  - the same bytes fed in two pieces split where the first input byte says
//    give the same messages as fed whole;
//  - writing the messages back out and reading that again is stable: a
//    second export of an import of the first export is byte-identical
//    (the "identical trees" property of `kurir export`).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "transfer/flag_headers.hpp"
#include "transfer/mbox.hpp"

namespace {

using namespace kurir::transfer;

constexpr std::size_t kMax = 4096;

bool split(std::string_view input, std::size_t cut, std::vector<MboxMessage>& out) {
  MboxSplitter splitter(kMax);
  if (!splitter.feed(input.substr(0, cut), out).ok()) return false;
  if (!splitter.feed(input.substr(cut), out).ok()) return false;
  return splitter.finish(out).ok();
}

// What export(import(messages)) writes.
std::string rewrite(std::vector<MboxMessage>& messages) {
  std::string out;
  for (auto& m : messages) {
    if (m.oversized) continue;
    auto flags = take_flag_headers(m.bytes);
    write_mbox_message(out, to_crlf(m.bytes), flags, m.from.date);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t cut = data[0] % size;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<MboxMessage> whole, pieces;
  const bool ok = split(input, input.size(), whole);
  if (split(input, cut > input.size() ? input.size() : cut, pieces) != ok) std::abort();
  if (!ok) return 0;
  if (whole.size() != pieces.size()) std::abort();
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (whole[i].bytes != pieces[i].bytes || whole[i].size != pieces[i].size ||
        whole[i].oversized != pieces[i].oversized || whole[i].from.date != pieces[i].from.date)
      std::abort();
    if (whole[i].bytes.size() > kMax) std::abort();
  }
  const std::string first = rewrite(whole);
  std::vector<MboxMessage> again;
  if (!split(first, first.size(), again)) std::abort();
  const std::string second = rewrite(again);
  if (first != second) std::abort();
  return 0;
}
