// Address-list parsing; see address.hpp.
#include "mime/address.hpp"

#include "core/limits.hpp"
#include "mime/decode.hpp"

namespace kurir::mime {
namespace {

// At most this many addresses per header; the rest are dropped.
constexpr std::size_t kMaxAddresses = 1000;

struct Token {
  enum class Kind { word, quoted, special, comment };
  Kind kind;
  std::string text;  // word bytes, quoted content (unescaped), the special char, or comment content
};

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// RFC 5322 3.2.3 specials, less "." (kept inside words so dot-atoms stay whole).
bool is_special(char c) { return std::string_view("()<>[]:;@\\,\"").find(c) != std::string_view::npos; }

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (is_wsp(c)) {
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        text.push_back(s[i++]);
      }
      if (i < s.size()) ++i;
      out.push_back(Token{Token::Kind::quoted, std::move(text)});
    } else if (c == '(') {
      std::string text;
      int depth = 0;
      while (i < s.size()) {
        char d = s[i++];
        if (d == '\\' && i < s.size()) {
          text.push_back(s[i++]);
          continue;
        }
        if (d == '(' && depth++ == 0) continue;
        if (d == ')' && --depth == 0) break;
        text.push_back(d);
      }
      out.push_back(Token{Token::Kind::comment, std::move(text)});
    } else if (c == '[') {
      // RFC 5322 3.4.1 domain-literal, kept whole as a word.
      std::size_t b = i;
      while (i < s.size() && s[i] != ']') ++i;
      if (i < s.size()) ++i;
      out.push_back(Token{Token::Kind::word, std::string(s.substr(b, i - b))});
    } else if (is_special(c)) {
      out.push_back(Token{Token::Kind::special, std::string(1, c)});
      ++i;
    } else {
      std::size_t b = i;
      while (i < s.size() && !is_wsp(s[i]) && !is_special(s[i])) ++i;
      out.push_back(Token{Token::Kind::word, std::string(s.substr(b, i - b))});
    }
  }
  return out;
}

bool is(const Token& t, char c) { return t.kind == Token::Kind::special && t.text.size() == 1 && t.text[0] == c; }

// A phrase: words and quoted strings joined by single spaces.
std::string phrase(const std::vector<Token>& t, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    if (t[k].kind == Token::Kind::comment) continue;
    if (!out.empty()) out.push_back(' ');
    out += t[k].text;
  }
  return out;
}

// Local part or domain: words joined with no space (dots are inside words).
std::string joined(const std::vector<Token>& t, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    if (t[k].kind == Token::Kind::comment) continue;
    out += t[k].text;
  }
  return out;
}

std::string first_comment(const std::vector<Token>& t, std::size_t b, std::size_t e) {
  for (std::size_t k = b; k < e; ++k)
    if (t[k].kind == Token::Kind::comment) return t[k].text;
  return {};
}

// addr-spec within [b, e): local "@" domain (the last "@" splits them).
void addr_spec(const std::vector<Token>& t, std::size_t b, std::size_t e, Address& a) {
  std::size_t at = e;
  for (std::size_t k = b; k < e; ++k)
    if (is(t[k], '@')) at = k;
  if (at == e) {
    a.mailbox = joined(t, b, e);
    return;
  }
  a.mailbox = joined(t, b, at);
  a.host = joined(t, at + 1, e);
}

// One mailbox in [b, e): name-addr or addr-spec (RFC 5322 3.4).
Address mailbox(const std::vector<Token>& t, std::size_t b, std::size_t e) {
  Address a;
  std::size_t lt = e;
  for (std::size_t k = b; k < e; ++k)
    if (is(t[k], '<')) {
      lt = k;
      break;
    }
  if (lt == e) {
    addr_spec(t, b, e, a);
    // RFC 822 habit "local@host (Full Name)": the comment names the mailbox.
    a.name = first_comment(t, b, e);
    return a;
  }
  a.name = phrase(t, b, lt);
  std::size_t gt = lt + 1;
  while (gt < e && !is(t[gt], '>')) ++gt;
  std::size_t s = lt + 1;
  // RFC 5322 4.4 obs-route: "@a,@b:" before the addr-spec.
  if (s < gt && is(t[s], '@')) {
    std::size_t colon = s;
    while (colon < gt && !is(t[colon], ':')) ++colon;
    if (colon < gt) {
      a.adl = joined(t, s, colon);
      s = colon + 1;
    }
  }
  addr_spec(t, s, gt, a);
  return a;
}

}  // namespace

std::vector<Address> parse_address_list(std::string_view value) {
  std::vector<Token> t = tokenize(value);
  std::vector<Address> out;
  bool in_group = false;
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n && out.size() < kMaxAddresses) {
    if (is(t[i], ',')) {
      ++i;
      continue;
    }
    if (is(t[i], ';')) {
      if (in_group) out.push_back(Address{Address::Kind::group_end, {}, {}, {}, {}});
      in_group = false;
      ++i;
      continue;
    }
    // Find where this item ends; a ":" before any "<" or "@" opens a group.
    std::size_t k = i;
    bool angle = false;
    bool seen_at = false;
    std::size_t colon = n;
    while (k < n) {
      if (is(t[k], '<')) angle = true;
      else if (is(t[k], '>')) angle = false;
      else if (is(t[k], '@')) seen_at = true;
      else if (!angle && (is(t[k], ',') || is(t[k], ';'))) break;
      else if (!angle && !seen_at && is(t[k], ':') && colon == n) {
        colon = k;
        break;
      }
      ++k;
    }
    if (colon != n && !in_group) {
      // RFC 3501 7.4.2: group start is (NIL NIL "name" NIL).
      out.push_back(Address{Address::Kind::group_start, phrase(t, i, colon), {}, {}, {}});
      in_group = true;
      i = colon + 1;
      continue;
    }
    if (colon != n) {  // a ":" inside a group: not a nested group, skip it
      i = colon + 1;
      continue;
    }
    bool any = false;
    for (std::size_t m = i; m < k; ++m)
      if (t[m].kind != Token::Kind::comment) any = true;
    if (any) {
      Address a = mailbox(t, i, k);
      if (!a.mailbox.empty() || !a.host.empty() || !a.name.empty()) out.push_back(std::move(a));
    }
    i = k;
  }
  if (in_group) out.push_back(Address{Address::Kind::group_end, {}, {}, {}, {}});
  return out;
}

std::string format_addresses(const std::vector<Address>& list) {
  std::string out;
  for (const Address& a : list) {
    if (a.kind != Address::Kind::mailbox) continue;
    if (!out.empty()) out += ", ";
    std::string spec = a.mailbox;
    if (!a.host.empty()) spec += "@" + a.host;
    if (!a.name.empty()) {
      out += decode_phrase(a.name);
      out += spec.empty() ? "" : " <" + spec + ">";
    } else {
      out += spec;
    }
  }
  return out;
}

}  // namespace kurir::mime
