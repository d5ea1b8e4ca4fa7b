// trailing_literal: does a line end with "{N}", "{N+}" or "~{N}"?
#include <cstdint>
#include <limits>

#include "imap/parser/parser.hpp"

namespace kurir::imap {

std::optional<LiteralHeader> trailing_literal(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  // A literal is a whole token: it cannot sit inside a quoted string
  // (RFC 9051 4.3), so find where the line's last quoted string ends.
  std::size_t outside = 0;  // first byte not inside a quoted string
  bool in_quote = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (in_quote) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '"') {
        in_quote = false;
        outside = i + 1;
      }
    } else if (line[i] == '"') {
      in_quote = true;
    }
  }
  if (in_quote) return std::nullopt;
  const std::size_t open = line.rfind('{');
  if (open == std::string_view::npos || open < outside) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  LiteralHeader header;
  if (!digits.empty() && digits.back() == '+') {
    header.non_sync = true;  // RFC 7888 3
    digits.remove_suffix(1);
  }
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (header.size > (std::numeric_limits<std::uint64_t>::max() - d) / 10) {
      header.size = std::numeric_limits<std::uint64_t>::max();
    } else {
      header.size = header.size * 10 + d;
    }
  }
  header.binary = open > 0 && line[open - 1] == '~';  // RFC 3516 4.4 literal8
  return header;
}

}  // namespace kurir::imap
