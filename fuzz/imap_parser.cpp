// Fuzzes the IMAP command parser with whole commands, literals included
// (lines joined by CRLF, each literal's bytes after its "{N}\r\n"). The first
// byte's low bit turns UTF8=ACCEPT on. Checks, besides no crash:
//  - an error has a one-line printable text (not starting with "[", which
//    would read as a response code) and, when the tag is valid, the tag;
//  - a parsed command has the tag it started with, and its framing is the
//    one the session sees through trailing_literal: every CRLF ends a line
//    that announces a literal, whose bytes follow in full;
//  - a parsed SEARCH/FETCH respects the bounds of limits.hpp.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "core/limits.hpp"
#include "imap/parser/parser.hpp"

namespace {

using namespace kurir::imap;

// Walks `wire` as the session reads it; false if it could not have been read so.
bool framing_matches(std::string_view wire) {
  while (true) {
    const auto crlf = wire.find("\r\n");
    const auto line = wire.substr(0, crlf);
    if (crlf == std::string_view::npos) return true;
    const auto literal = trailing_literal(line);
    if (!literal) return false;
    wire.remove_prefix(crlf + 2);
    if (literal->size > wire.size()) return false;
    wire.remove_prefix(static_cast<std::size_t>(literal->size));
  }
}

std::size_t count_keys(const std::vector<SearchKey>& keys) {
  std::size_t n = keys.size();
  for (const auto& key : keys) n += count_keys(key.children);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  ParseOptions options;
  options.utf8_accept = (data[0] & 1) != 0;
  const std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parsed = parse_command(wire, options);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    if (error->text.empty() || error->text[0] == '[') std::abort();  // "[" would read as a response code
    for (char c : error->text)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) std::abort();
    if (!error->tag.empty() && !wire.starts_with(error->tag)) std::abort();
    return 0;
  }
  const auto& command = std::get<Command>(parsed);
  if (command.tag.empty() || !wire.starts_with(command.tag)) std::abort();
  if (!framing_matches(wire)) std::abort();
  if (const auto* search = std::get_if<Search>(&command.body)) {
    if (search->keys.empty() || count_keys(search->keys) > kurir::limits::kMaxImapSearchKeys) std::abort();
  }
  if (const auto* fetch = std::get_if<Fetch>(&command.body)) {
    if (fetch->items.empty() || fetch->items.size() > kurir::limits::kMaxImapFetchItems) std::abort();
    if (fetch->set.ranges.size() > kurir::limits::kMaxImapSequenceRanges) std::abort();
    for (const auto& range : fetch->set.ranges)
      if (range.first == 0 || range.last == 0) std::abort();
  }
  return 0;
}
