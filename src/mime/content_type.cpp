// Content-Type / Content-Disposition parsing; see content_type.hpp.
#include "mime/content_type.hpp"

#include <algorithm>
#include <charconv>

#include "mime/decode.hpp"
#include "mime/header.hpp"

namespace kurir::mime {
namespace {

// RFC 2231 allows any number of sections and parameters; more than these is
// abuse, and the cap keeps name matching below quadratic cost.
constexpr unsigned kMaxSections = 1000;
constexpr std::size_t kMaxParams = 256;

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// RFC 2045 5.1: token := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>
bool is_token_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 32 || u == 127) return false;
  return std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

// Skips white space and (nested) comments.
void skip_cfws(std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    if (is_wsp(s[i])) {
      ++i;
    } else if (s[i] == '(') {
      int depth = 0;
      while (i < s.size()) {
        char c = s[i++];
        if (c == '\\') {
          if (i < s.size()) ++i;
        } else if (c == '(') {
          ++depth;
        } else if (c == ')') {
          if (--depth == 0) break;
        }
      }
    } else {
      break;
    }
  }
}

std::string read_token(std::string_view s, std::size_t& i) {
  std::size_t b = i;
  while (i < s.size() && is_token_char(s[i])) ++i;
  return std::string(s.substr(b, i - b));
}

// A quoted-string's content (RFC 5322 3.2.4), escapes resolved; an
// unterminated one runs to the end. REQUIRES: s[i] == '"'
std::string read_quoted(std::string_view s, std::size_t& i) {
  std::string out;
  ++i;
  while (i < s.size()) {
    char c = s[i++];
    if (c == '"') break;
    if (c == '\\' && i < s.size()) c = s[i++];
    out.push_back(c);
  }
  return out;
}

struct RawParam {
  std::string attribute;  // lower-case, RFC 2231 suffix included
  std::string value;
};

std::vector<RawParam> read_params(std::string_view s, std::size_t i) {
  std::vector<RawParam> out;
  while (i < s.size()) {
    skip_cfws(s, i);
    if (i >= s.size()) break;
    if (s[i] == ';') {
      ++i;
      continue;
    }
    // Lenient: an attribute is anything up to "=" or ";".
    std::size_t b = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    std::string_view attr = s.substr(b, i - b);
    while (!attr.empty() && is_wsp(attr.back())) attr.remove_suffix(1);
    if (i >= s.size() || s[i] == ';') continue;  // no "=": not a parameter
    ++i;
    skip_cfws(s, i);
    std::string value;
    if (i < s.size() && s[i] == '"') {
      value = read_quoted(s, i);
    } else {
      // Lenient: real mailers leave tspecials such as "=" and "/" unquoted
      // (boundary=----=_Part_1): take everything up to ";" or white space.
      // What follows white space without a ";" is read as the next parameter.
      std::size_t vb = i;
      while (i < s.size() && s[i] != ';' && !is_wsp(s[i])) ++i;
      value = std::string(s.substr(vb, i - vb));
    }
    if (!attr.empty()) out.push_back(RawParam{ascii_lower(attr), std::move(value)});
    if (out.size() >= kMaxParams) break;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 2231 4: extended-other-values are %-encoded octets.
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int h = hex_value(s[i + 1]);
      int l = hex_value(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out.push_back(static_cast<char>(h * 16 + l));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

struct Section {
  unsigned number;
  bool encoded;
  std::string value;
};

struct Assembled {
  std::string name;
  bool rfc2231 = false;
  std::vector<Section> sections;
  std::string plain;
};

// Non-boundary plain values: RFC 2047 words (a common violation in
// filenames) and raw 8-bit bytes both end as UTF-8.
std::string plain_value_to_utf8(const std::string& name, std::string value) {
  if (name == "boundary") return value;  // must stay byte-exact for the structure
  if (value.find("=?") != std::string::npos) return decode_header_text(value);
  if (!is_utf8(value)) return to_utf8(value, "");
  return value;
}

// RFC 2231 3 and 4: joins name*0, name*1*, ... in section order, decodes
// %-escapes of encoded sections, converts from the charset of section 0.
std::string join_sections(std::vector<Section>& sections) {
  std::stable_sort(sections.begin(), sections.end(),
                   [](const Section& a, const Section& b) { return a.number < b.number; });
  std::string charset;
  std::string bytes;
  bool any_encoded = false;
  for (std::size_t k = 0; k < sections.size(); ++k) {
    Section& sec = sections[k];
    if (k > 0 && sec.number == sections[k - 1].number) continue;  // duplicate section
    std::string_view v = sec.value;
    if (sec.encoded) {
      any_encoded = true;
      if (k == 0) {
        // charset'language'value
        std::size_t q1 = v.find('\'');
        std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string_view::npos) {
          charset = std::string(v.substr(0, q1));
          v = v.substr(q2 + 1);
        }
      }
      bytes += percent_decode(v);
    } else {
      bytes += v;
    }
  }
  if (!any_encoded && is_utf8(bytes)) return bytes;
  return to_utf8(bytes, charset);
}

std::vector<Param> assemble(std::vector<RawParam> raw) {
  std::vector<Assembled> groups;
  auto group_for = [&](const std::string& name) -> Assembled& {
    for (Assembled& g : groups)
      if (g.name == name) return g;
    groups.push_back(Assembled{name, false, {}, {}});
    return groups.back();
  };
  for (RawParam& p : raw) {
    std::string_view a = p.attribute;
    std::size_t star = a.find('*');
    if (star == std::string_view::npos || star == 0) {
      Assembled& g = group_for(p.attribute);
      if (!g.rfc2231 && g.plain.empty()) g.plain = std::move(p.value);
      continue;
    }
    std::string name(a.substr(0, star));
    std::string_view rest = a.substr(star + 1);
    Assembled& g = group_for(name);
    if (rest.empty()) {  // name*=charset'lang'value
      if (!g.rfc2231) g.sections.clear();
      g.rfc2231 = true;
      g.sections.push_back(Section{0, true, std::move(p.value)});
      continue;
    }
    bool encoded = rest.back() == '*';
    if (encoded) rest.remove_suffix(1);
    unsigned number = 0;
    auto r = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (r.ec != std::errc() || r.ptr != rest.data() + rest.size() || number >= kMaxSections) continue;
    g.rfc2231 = true;
    if (g.sections.size() < kMaxSections) g.sections.push_back(Section{number, encoded, std::move(p.value)});
  }
  std::vector<Param> out;
  out.reserve(groups.size());
  for (Assembled& g : groups) {
    if (g.rfc2231 && !g.sections.empty())
      out.push_back(Param{g.name, join_sections(g.sections)});
    else
      out.push_back(Param{g.name, plain_value_to_utf8(g.name, std::move(g.plain))});
  }
  return out;
}

}  // namespace

ContentValue parse_content_type(std::string_view value) {
  ContentValue cv;
  std::size_t i = 0;
  skip_cfws(value, i);
  std::string type = read_token(value, i);
  skip_cfws(value, i);
  if (!type.empty() && i < value.size() && value[i] == '/') {
    ++i;
    skip_cfws(value, i);
    std::string subtype = read_token(value, i);
    if (!subtype.empty()) {
      cv.valid = true;
      cv.type = ascii_lower(type);
      cv.subtype = ascii_lower(subtype);
    }
  }
  std::size_t semi = value.find(';', i);
  if (semi != std::string_view::npos) cv.params = assemble(read_params(value, semi + 1));
  return cv;
}

ContentValue parse_disposition(std::string_view value) {
  ContentValue cv;
  std::size_t i = 0;
  skip_cfws(value, i);
  std::string type = read_token(value, i);
  if (!type.empty()) {
    cv.valid = true;
    cv.type = ascii_lower(type);
  }
  std::size_t semi = value.find(';', i);
  if (semi != std::string_view::npos) cv.params = assemble(read_params(value, semi + 1));
  return cv;
}

const std::string* find_param(const std::vector<Param>& params, std::string_view name) {
  for (const Param& p : params)
    if (p.name == name) return &p.value;
  return nullptr;
}

std::vector<std::string> parse_language(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t start = i;
    skip_cfws(value, i);
    std::size_t b = i;
    while (i < value.size() && value[i] != ',' && value[i] != '(' && !is_wsp(value[i])) ++i;
    if (i > b) out.emplace_back(value.substr(b, i - b));
    skip_cfws(value, i);
    if (i < value.size() && value[i] == ',') ++i;
    if (i == start) ++i;  // a stray byte: step over it
  }
  return out;
}

}  // namespace kurir::mime
