#include "store/sqlite/names.hpp"

#include "core/domain_name.hpp"
#include "core/limits.hpp"

namespace kurir::store::sqlite {

namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

Error invalid(std::string what, std::string_view value) {
  return make_error(Errc::invalid_argument, std::move(what) + ": \"" + std::string(value.substr(0, 300)) + "\"");
}

}  // namespace

Result<std::string> normalize_address(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return invalid("not an address (local@domain)", address);
  std::string_view local = address.substr(0, at);
  if (local.size() > limits::kMaxLocalPartBytes) return invalid("local part too long", address);
  for (char ch : local) {
    auto c = static_cast<unsigned char>(ch);
    if (is_control(c) || c == ' ' || c == '@' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ',')
      return invalid("not an address (local@domain)", address);
  }
  if (local.front() == '.' || local.back() == '.') return invalid("not an address (local@domain)", address);
  auto domain = normalize_domain(address.substr(at + 1));
  if (!domain) return invalid("not an address (local@domain)", address);
  std::string out = ascii_lower(local) + "@" + *domain;
  if (out.size() > limits::kMaxAddressBytes) return invalid("address too long", address);
  return out;
}

Result<std::string> normalize_alias_source(std::string_view source) {
  if (!source.empty() && source.front() == '@') {
    auto domain = normalize_domain(source.substr(1));
    if (!domain) return invalid("not an alias source (local@domain or @domain)", source);
    return "@" + *domain;
  }
  return normalize_address(source);
}

std::string_view domain_of(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

Result<std::string> normalize_mailbox_name(std::string_view name) {
  if (name.empty()) return invalid("empty mailbox name", name);
  if (name.size() > limits::kMaxMailboxNameBytes) return invalid("mailbox name too long", name);
  std::size_t depth = 1;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (is_control(c)) return invalid("control character in mailbox name", name);
    // IMAP wildcards cannot be part of a name a LIST pattern could select exactly.
    if (c == '*' || c == '%') return invalid("wildcard in mailbox name", name);
    if (c == '/') {
      if (i == 0 || i + 1 == name.size() || name[i + 1] == '/') return invalid("empty level in mailbox name", name);
      ++depth;
    }
  }
  if (depth > limits::kMaxMailboxDepth) return invalid("mailbox name too deep", name);
  std::string out(name);
  // RFC 3501 5.1: INBOX is case-insensitive; its children follow it.
  std::string_view first = name.substr(0, name.find('/'));
  if (first.size() == 5 && ascii_lower(first) == "inbox") out.replace(0, 5, "INBOX");
  return out;
}

bool is_inbox(std::string_view normalized_name) { return normalized_name == "INBOX"; }

Status check_keyword(std::string_view keyword) {
  if (keyword.empty() || keyword.size() > limits::kMaxKeywordBytes) return invalid("bad keyword", keyword);
  for (char ch : keyword) {
    auto c = static_cast<unsigned char>(ch);
    // RFC 3501 9: atom-specials and '\' are not part of a keyword.
    if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' ||
        c == '\\' || c == ']')
      return invalid("bad keyword", keyword);
  }
  return {};
}

}  // namespace kurir::store::sqlite
