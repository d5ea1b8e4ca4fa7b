// Header block splitting and unfolding; see header.hpp.
#include "mime/header.hpp"

#include <cstring>

#include "core/limits.hpp"

namespace kurir::mime {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// RFC 5322 2.2: field-name = 1*ftext, printable US-ASCII except ":".
bool is_ftext(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 33 && u <= 126 && c != ':';
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c; }

}  // namespace

HeaderBlock split_header(std::string_view message, std::uint64_t begin, std::uint64_t end) {
  HeaderBlock block;
  const char* data = message.data();
  std::uint64_t pos = begin;
  bool in_field = false;        // the previous line began a field (recorded or not)
  bool field_recorded = false;  // ... and it was recorded, so folds extend it
  while (pos < end) {
    const void* nl = std::memchr(data + pos, '\n', end - pos);
    std::uint64_t line_end = nl ? static_cast<std::uint64_t>(static_cast<const char*>(nl) - data) : end;
    std::uint64_t next = nl ? line_end + 1 : end;
    std::uint64_t content_end = line_end;
    if (content_end > pos && data[content_end - 1] == '\r') --content_end;

    if (content_end == pos) {  // RFC 5322 2.1: the blank line ends the header
      block.body_begin = next;
      return block;
    }
    if (is_wsp(data[pos])) {
      if (!in_field) {  // a fold with nothing to fold onto: the body starts here
        block.body_begin = pos;
        return block;
      }
      if (field_recorded) {
        HeaderField& f = block.fields.back();
        f.value = std::string_view(f.value.data(), data + content_end - f.value.data());
      }
      pos = next;
      continue;
    }
    std::uint64_t p = pos;
    while (p < content_end && is_ftext(data[p])) ++p;
    std::uint64_t name_end = p;
    while (p < content_end && is_wsp(data[p])) ++p;  // RFC 5322 4.5.8: obs WSP before ":"
    if (name_end == pos || p >= content_end || data[p] != ':') {
      // Not a field: a header without the blank line. The body starts here.
      block.body_begin = pos;
      return block;
    }
    in_field = true;
    if (block.fields.size() < limits::kMaxHeaderFields) {
      block.fields.push_back(HeaderField{std::string_view(data + pos, name_end - pos),
                                         std::string_view(data + p + 1, content_end - p - 1), pos});
      field_recorded = true;
    } else {
      block.truncated = true;
      field_recorded = false;
    }
    pos = next;
  }
  block.body_begin = end;
  return block;
}

std::string unfold(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\n') continue;
    if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    out.push_back(c);
  }
  std::size_t b = 0;
  while (b < out.size() && is_wsp(out[b])) ++b;
  std::size_t e = out.size();
  while (e > b && (is_wsp(out[e - 1]) || out[e - 1] == '\r')) --e;
  return out.substr(b, e - b);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper(c);
  return out;
}

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields)
    if (iequals(f.name, name)) return &f;
  return nullptr;
}

}  // namespace kurir::mime
