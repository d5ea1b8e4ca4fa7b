// Search text; see text.hpp.
#include "mime/text.hpp"

#include "core/limits.hpp"
#include "mime/content_type.hpp"
#include "mime/decode.hpp"
#include "mime/header.hpp"

namespace kurir::mime {
namespace {

bool starts_with_ci(std::string_view s, std::size_t i, std::string_view p) {
  return s.size() - i >= p.size() && iequals(s.substr(i, p.size()), p);
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
void truncate_utf8(std::string& s, std::size_t max) {
  if (s.size() <= max) return;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
}

}  // namespace

std::string strip_html(std::string_view html) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
  std::string out;
  out.reserve(html.size() / 2);
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::string_view end_mark = ">";
      if (starts_with_ci(html, i, "<!--")) end_mark = "-->";
      else if (starts_with_ci(html, i, "<script")) end_mark = "</script>";
      else if (starts_with_ci(html, i, "<style")) end_mark = "</style>";
      std::size_t e = html.size();
      // Case-insensitive search for the end mark, linear (marks have no self-overlap).
      for (std::size_t k = i + 1; k + end_mark.size() <= html.size(); ++k)
        if (starts_with_ci(html, k, end_mark)) {
          e = k + end_mark.size();
          break;
        }
      i = e;
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      continue;
    }
    if (c == '&') {
      bool done = false;
      for (const auto& [from, to] : kEntities)
        if (starts_with_ci(html, i, from)) {
          out.append(to);
          i += from.size();
          done = true;
          break;
        }
      if (done) continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string build_search_text(std::string_view message, const std::vector<Part>& parts) {
  const std::size_t budget = limits::kMaxSearchTextBytes;
  std::string out;
  for (const Part& p : parts) {
    if (out.size() >= budget) break;
    if (!p.children.empty() || p.type != "text" || (p.subtype != "plain" && p.subtype != "html")) continue;
    if (p.disposition == "attachment") continue;
    const std::size_t room = budget - out.size();
    std::string raw;
    // HTML shrinks when stripped: read more of it than the room left.
    const std::size_t want = p.subtype == "html" ? room * 4 : room;
    decode_transfer(message.substr(p.body_begin, p.body_end - p.body_begin), p.encoding, &raw, want);
    const std::string* charset = find_param(p.params, "charset");
    std::string text = to_utf8(raw, charset ? *charset : std::string_view());
    if (p.subtype == "html") text = strip_html(text);
    if (!out.empty()) out.push_back('\n');
    out += text;
  }
  truncate_utf8(out, budget);
  return out;
}

}  // namespace kurir::mime
