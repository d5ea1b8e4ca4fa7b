#include "smtp/parser/command.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/limits.hpp"

namespace kurir::smtp {

namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_utf8(char c) { return static_cast<unsigned char>(c) >= 0x80; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

Command make_command(Verb verb, std::string_view argument = {}) {
  Command cmd;
  cmd.verb = verb;
  cmd.argument = std::string(argument);
  return cmd;
}

ParseError error(int code, std::string_view enhanced, std::string text) {
  return ParseError{Reply{code, enhanced, std::move(text)}};
}

ParseError syntax(std::string text) { return error(500, "5.5.2", std::move(text)); }
ParseError bad_param(std::string text) { return error(501, "5.5.4", std::move(text)); }

// RFC 5321 4.1.2 atext (RFC 5322 3.2.3), plus UTF-8 (RFC 6531 3.3 extends atext with UTF8-non-ascii).
bool is_atext(char c) {
  if (is_alpha(c) || is_digit(c) || is_utf8(c)) return true;
  constexpr std::string_view specials = "!#$%&'*+-/=?^_`{|}~";
  return specials.find(c) != std::string_view::npos;
}

// RFC 5321 4.1.2 Domain: sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str];
// U-labels allowed as UTF-8 (RFC 6531 3.3). XXX RFC 5321 4.1.2: '_' is accepted
// too, because many real clients' host names carry it and refusing them helps nobody.
bool is_domain(std::string_view d, bool& non_ascii) {
  if (d.empty() || d.size() > limits::kMaxDomainBytes) return false;
  std::size_t label = 0;
  char prev = '.';
  for (char c : d) {
    if (c == '.') {
      if (label == 0 || prev == '-') return false;
      label = 0;
    } else if (is_alpha(c) || is_digit(c) || c == '_' || is_utf8(c)) {
      if (is_utf8(c)) non_ascii = true;
      if (++label > 63) return false;
    } else if (c == '-') {
      if (label == 0) return false;
      ++label;
    } else {
      return false;
    }
    prev = c;
  }
  return label > 0 && prev != '-';
}

// RFC 5321 4.1.3 address-literal: "[" ( IPv4 / "IPv6:" IPv6 / tag ":" dcontent ) "]", checked loosely:
// only the characters those forms use, so nothing else reaches a Received header.
bool is_address_literal(std::string_view d) {
  if (d.size() < 3 || d.front() != '[' || d.back() != ']') return false;
  std::string_view inner = d.substr(1, d.size() - 2);
  for (char c : inner)
    if (!(is_alpha(c) || is_digit(c) || c == '.' || c == ':' || c == '-')) return false;
  return true;
}

bool is_domain_or_literal(std::string_view d, bool& non_ascii) {
  return d.starts_with('[') ? is_address_literal(d) : is_domain(d, non_ascii);
}

// RFC 5321 4.1.2 Local-part = Dot-string / Quoted-string. Returns its length in text, or 0.
std::size_t scan_local_part(std::string_view text, bool& non_ascii) {
  if (text.empty()) return 0;
  if (text[0] == '"') {
    for (std::size_t i = 1; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '"') return i + 1;
      if (c == '\\') {  // quoted-pairSMTP = %d92 %d32-126
        if (i + 1 >= text.size() || text[i + 1] < 32 || text[i + 1] > 126) return 0;
        ++i;
      } else if (is_utf8(c)) {
        non_ascii = true;
      } else if (c < 32 || c > 126) {  // qtextSMTP = %d32-33 / %d35-91 / %d93-126
        return 0;
      }
    }
    return 0;
  }
  std::size_t i = 0;
  bool atom = false;
  for (; i < text.size() && text[i] != '@'; ++i) {
    const char c = text[i];
    if (c == '.') {
      if (!atom) return 0;  // empty atom: leading or doubled dot
      atom = false;
    } else if (is_atext(c)) {
      if (is_utf8(c)) non_ascii = true;
      atom = true;
    } else {
      return 0;
    }
  }
  return atom ? i : 0;
}

// "SIZE=123" -> keyword "SIZE", value "123" (RFC 5321 4.1.2 esmtp-param).
struct Param {
  std::string_view keyword;
  std::optional<std::string_view> value;
};

std::optional<Param> split_param(std::string_view p) {
  const auto eq = p.find('=');
  Param out{p.substr(0, eq), std::nullopt};
  if (out.keyword.empty() || !(is_alpha(out.keyword[0]) || is_digit(out.keyword[0]))) return std::nullopt;
  for (char c : out.keyword)
    if (!(is_alpha(c) || is_digit(c) || c == '-')) return std::nullopt;
  if (eq != std::string_view::npos) {
    out.value = p.substr(eq + 1);
    if (out.value->empty()) return std::nullopt;
    // esmtp-value = 1*(%d33-60 / %d62-126), UTF-8 allowed by RFC 6531 3.3.
    for (char c : *out.value)
      if (!is_utf8(c) && (c < 33 || c == 61 || c > 126)) return std::nullopt;
  }
  return out;
}

// Splits the text after the path at single spaces; bounded by the line itself.
template <class F>
std::optional<ParseError> for_each_param(std::string_view rest, F&& on_param) {
  while (!rest.empty()) {
    if (rest[0] != ' ') return bad_param("expected a space before a parameter");
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);  // XXX RFC 5321 4.1.1: one SP; extra tolerated
    if (rest.empty()) break;
    const auto end = rest.find(' ');
    const auto token = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    auto param = split_param(token);
    if (!param) return bad_param("malformed parameter");
    if (auto e = on_param(*param)) return e;
  }
  return std::nullopt;
}

bool valid_xtext(std::string_view text) { return decode_xtext(text).has_value(); }

// "FROM:" / "TO:" then optional spaces (XXX RFC 5321 4.1.1.2 has no space after the colon; many
// clients send one, and every major MTA accepts it), then "<path>" and its parameters.
std::optional<ParseError> split_path(std::string_view args, std::string_view keyword, std::string_view& path,
                                     std::string_view& rest) {
  if (!istarts_with(args, keyword)) return error(501, "5.5.4", std::string("syntax: expected ") + std::string(keyword) + "<address>");
  args.remove_prefix(keyword.size());
  while (!args.empty() && args[0] == ' ') args.remove_prefix(1);
  if (args.empty() || args[0] != '<') return error(501, "5.5.4", "syntax: address must be in angle brackets");
  // The first '>' outside a quoted local part ends the path.
  std::size_t close = std::string_view::npos;
  bool quoted = false;
  for (std::size_t i = 1; i < args.size() && close == std::string_view::npos; ++i) {
    if (quoted && args[i] == '\\') ++i;
    else if (args[i] == '"') quoted = !quoted;
    else if (!quoted && args[i] == '>') close = i;
  }
  if (close == std::string_view::npos) return error(501, "5.5.4", "syntax: missing '>'");
  path = args.substr(0, close + 1);
  rest = args.substr(close + 1);
  return std::nullopt;
}

Parsed parse_mail(std::string_view args) {
  std::string_view path_text, rest;
  if (auto e = split_path(args, "FROM:", path_text, rest)) return *e;
  Command cmd = make_command(Verb::mail);
  auto path = parse_path(path_text, true);
  if (!path) return error(501, "5.1.7", "bad sender address syntax");
  cmd.path = std::move(*path);
  std::array<bool, 6> seen{};
  auto once = [&](std::size_t i) { return !std::exchange(seen[i], true); };
  auto bad = for_each_param(rest, [&](const Param& p) -> std::optional<ParseError> {
    const std::string_view v = p.value.value_or("");
    if (iequals(p.keyword, "SIZE")) {  // RFC 1870 4: size-value = 1*20DIGIT
      std::uint64_t n = 0;
      if (!once(0) || v.empty() || v.size() > 20) return bad_param("bad SIZE parameter");
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec == std::errc::result_out_of_range) n = UINT64_MAX;
      else if (ec != std::errc() || end != v.data() + v.size()) return bad_param("bad SIZE parameter");
      cmd.mail.size = n;
    } else if (iequals(p.keyword, "BODY")) {  // RFC 6152 2, RFC 3030 3
      if (!once(1)) return bad_param("duplicate BODY parameter");
      if (iequals(v, "7BIT")) cmd.mail.body = Body::seven_bit;
      else if (iequals(v, "8BITMIME")) cmd.mail.body = Body::eight_bit_mime;
      else if (iequals(v, "BINARYMIME")) cmd.mail.body = Body::binary_mime;
      else return bad_param("BODY must be 7BIT, 8BITMIME or BINARYMIME");
    } else if (iequals(p.keyword, "SMTPUTF8")) {  // RFC 6531 3.4: no value
      if (!once(2) || p.value) return bad_param("bad SMTPUTF8 parameter");
      cmd.mail.smtputf8 = true;
    } else if (iequals(p.keyword, "RET")) {  // RFC 3461 4.3
      if (!once(3)) return bad_param("duplicate RET parameter");
      if (iequals(v, "FULL")) cmd.mail.ret = Ret::full;
      else if (iequals(v, "HDRS")) cmd.mail.ret = Ret::hdrs;
      else return bad_param("RET must be FULL or HDRS");
    } else if (iequals(p.keyword, "ENVID")) {  // RFC 3461 4.4: xtext, at most 100 characters
      if (!once(4) || v.empty() || v.size() > 100 || !valid_xtext(v)) return bad_param("bad ENVID parameter");
      cmd.mail.envid = std::string(v);
    } else if (iequals(p.keyword, "AUTH")) {  // RFC 4954 5: xtext mailbox or "<>"
      if (!once(5) || v.empty() || v.size() > 500 || (v != "<>" && !valid_xtext(v))) return bad_param("bad AUTH parameter");
      cmd.mail.auth = std::string(v);
    } else {
      return error(555, "5.5.4", "unsupported MAIL parameter " + std::string(p.keyword));  // RFC 5321 4.1.1.11
    }
    return std::nullopt;
  });
  if (bad) return *bad;
  // RFC 6531 3.4: a UTF-8 address needs SMTPUTF8 on this MAIL.
  if (cmd.path.non_ascii && !cmd.mail.smtputf8) return error(553, "5.6.7", "non-ASCII sender address needs SMTPUTF8");
  return cmd;
}

Parsed parse_rcpt(std::string_view args) {
  std::string_view path_text, rest;
  if (auto e = split_path(args, "TO:", path_text, rest)) return *e;
  Command cmd = make_command(Verb::rcpt);
  // RFC 5321 4.1.1.3: "<Postmaster>" without a domain must be accepted.
  if (iequals(path_text, "<postmaster>")) {
    cmd.path.local = "postmaster";
  } else {
    auto path = parse_path(path_text, false);
    if (!path) return error(501, "5.1.3", "bad recipient address syntax");
    cmd.path = std::move(*path);
  }
  bool seen_notify = false, seen_orcpt = false;
  auto bad = for_each_param(rest, [&](const Param& p) -> std::optional<ParseError> {
    const std::string_view v = p.value.value_or("");
    if (iequals(p.keyword, "NOTIFY")) {  // RFC 3461 4.1: NEVER, or a list of SUCCESS FAILURE DELAY
      if (std::exchange(seen_notify, true) || v.empty()) return bad_param("bad NOTIFY parameter");
      std::string_view list = v;
      while (true) {
        const auto comma = list.find(',');
        const auto item = list.substr(0, comma);
        std::uint8_t bit = iequals(item, "NEVER")     ? kNotifyNever
                           : iequals(item, "SUCCESS") ? kNotifySuccess
                           : iequals(item, "FAILURE") ? kNotifyFailure
                           : iequals(item, "DELAY")   ? kNotifyDelay
                                                      : 0;
        if (bit == 0 || (cmd.rcpt.notify & bit)) return bad_param("bad NOTIFY parameter");
        cmd.rcpt.notify |= bit;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
      if ((cmd.rcpt.notify & kNotifyNever) && cmd.rcpt.notify != kNotifyNever) return bad_param("NOTIFY=NEVER stands alone");
    } else if (iequals(p.keyword, "ORCPT")) {  // RFC 3461 4.2: addr-type ";" xtext
      const auto semi = v.find(';');
      if (std::exchange(seen_orcpt, true) || semi == 0 || semi == std::string_view::npos || v.size() > 500 ||
          !valid_xtext(v.substr(semi + 1)))
        return bad_param("bad ORCPT parameter");
      cmd.rcpt.orcpt = std::string(v);
    } else {
      return error(555, "5.5.4", "unsupported RCPT parameter " + std::string(p.keyword));
    }
    return std::nullopt;
  });
  if (bad) return *bad;
  return cmd;
}

Parsed parse_bdat(std::string_view args) {
  // RFC 3030 2: bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CR LF
  const auto space = args.find(' ');
  const auto number = args.substr(0, space);
  Command cmd = make_command(Verb::bdat);
  if (number.empty() || number.size() > 19) return bad_param("BDAT needs a chunk size");
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), cmd.chunk_size);
  if (ec != std::errc() || end != number.data() + number.size()) return bad_param("BDAT needs a chunk size");
  if (space != std::string_view::npos) {
    if (!iequals(args.substr(space + 1), "LAST")) return bad_param("BDAT: expected LAST");
    cmd.last = true;
  }
  return cmd;
}

Parsed parse_auth(std::string_view args) {
  // RFC 4954 4: "AUTH" SP sasl-mech [SP initial-response]
  const auto space = args.find(' ');
  Command cmd = make_command(Verb::auth);
  const auto mech = args.substr(0, space);
  if (mech.empty() || mech.size() > 20) return bad_param("AUTH needs a mechanism");
  for (char c : mech) {
    if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_')) return bad_param("bad mechanism name");
    cmd.argument += upper(c);
  }
  if (space != std::string_view::npos) {
    cmd.initial_response = std::string(args.substr(space + 1));
    if (cmd.initial_response.empty()) return bad_param("empty initial response");
  }
  return cmd;
}

struct VerbInfo {
  std::string_view name;
  Verb verb;
  std::size_t max_line;  // RFC 5321 4.5.3.1.4 and the extensions' allowances, without CRLF
};

constexpr std::array<VerbInfo, 14> kVerbs = {{
    {"EHLO", Verb::ehlo, limits::kMaxSmtpCommandLineBytes},
    {"HELO", Verb::helo, limits::kMaxSmtpCommandLineBytes},
    {"MAIL", Verb::mail, limits::kMaxSmtpMailLineBytes},
    {"RCPT", Verb::rcpt, limits::kMaxSmtpMailLineBytes},
    {"DATA", Verb::data, limits::kMaxSmtpCommandLineBytes},
    {"BDAT", Verb::bdat, limits::kMaxSmtpCommandLineBytes},
    {"RSET", Verb::rset, limits::kMaxSmtpCommandLineBytes},
    {"NOOP", Verb::noop, limits::kMaxSmtpCommandLineBytes},
    {"QUIT", Verb::quit, limits::kMaxSmtpCommandLineBytes},
    {"VRFY", Verb::vrfy, limits::kMaxSmtpCommandLineBytes},
    {"EXPN", Verb::expn, limits::kMaxSmtpCommandLineBytes},
    {"HELP", Verb::help, limits::kMaxSmtpCommandLineBytes},
    {"STARTTLS", Verb::starttls, limits::kMaxSmtpCommandLineBytes},
    {"AUTH", Verb::auth, limits::kMaxSmtpLineBytes},  // RFC 4954 4: initial response may be long
}};

}  // namespace

std::optional<std::string> decode_xtext(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {  // RFC 3461 4: "+" HEXCHAR HEXCHAR, upper-case hex
      auto hex = [](char h) { return is_digit(h) ? h - '0' : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1; };
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c >= 33 && c <= 126 && c != '=') {
      out += c;
    } else if (is_utf8(c)) {
      out += c;  // RFC 6533 utf-8-addr-xtext
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::optional<Path> parse_path(std::string_view text, bool allow_null) {
  if (text.size() < 2 || text.front() != '<' || text.back() != '>') return std::nullopt;
  text = text.substr(1, text.size() - 2);
  Path path;
  if (text.empty()) {
    if (!allow_null) return std::nullopt;
    path.null = true;
    return path;
  }
  if (text.size() > limits::kMaxAddressBytes) return std::nullopt;  // RFC 5321 4.5.3.1.3
  // RFC 5321 4.1.2 A-d-l ":" — a source route, accepted and ignored (RFC 5321 C).
  if (text[0] == '@') {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view route = text.substr(0, colon);
    while (!route.empty()) {
      if (route[0] != '@') return std::nullopt;
      const auto comma = route.find(',');
      bool ignored = false;
      if (!is_domain_or_literal(route.substr(1, comma == std::string_view::npos ? comma : comma - 1), ignored))
        return std::nullopt;
      route = comma == std::string_view::npos ? std::string_view() : route.substr(comma + 1);
    }
    text.remove_prefix(colon + 1);
  }
  const std::size_t local = scan_local_part(text, path.non_ascii);
  if (local == 0 || local > limits::kMaxLocalPartBytes + 2 || local >= text.size() || text[local] != '@')
    return std::nullopt;
  if (text[0] != '"' && local > limits::kMaxLocalPartBytes) return std::nullopt;
  path.local = std::string(text.substr(0, local));
  const auto domain = text.substr(local + 1);
  if (!is_domain_or_literal(domain, path.non_ascii)) return std::nullopt;
  path.domain = std::string(domain);
  return path;
}

Parsed parse_command(std::string_view line) {
  const auto space = line.find(' ');
  const auto word = line.substr(0, space);
  const VerbInfo* info = nullptr;
  for (const auto& v : kVerbs)
    if (iequals(word, v.name)) info = &v;
  if (!info) return syntax("command unrecognized");
  if (line.size() > info->max_line) return syntax("line too long");  // RFC 5321 4.5.3.1.4
  const std::string_view args = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  switch (info->verb) {
    case Verb::ehlo:
    case Verb::helo: {
      // RFC 5321 4.1.1.1: "EHLO" SP ( Domain / address-literal ); HELO takes a Domain only.
      bool non_ascii = false;
      const bool ok = info->verb == Verb::ehlo ? is_domain_or_literal(args, non_ascii) : is_domain(args, non_ascii);
      if (!ok) return bad_param(std::string(info->name) + " needs a host name or address literal");
      return make_command(info->verb, args);
    }
    case Verb::mail: return parse_mail(args);
    case Verb::rcpt: return parse_rcpt(args);
    case Verb::bdat: return parse_bdat(args);
    case Verb::auth: return parse_auth(args);
    case Verb::data:
    case Verb::rset:
    case Verb::quit:
    case Verb::starttls:
      // RFC 5321 4.1.1.4, 4.1.1.5, 4.1.1.10; RFC 3207 4: no parameters.
      if (space != std::string_view::npos) return bad_param(std::string(info->name) + " takes no parameters");
      return make_command(info->verb);
    case Verb::vrfy:
    case Verb::expn:
      if (args.empty()) return bad_param(std::string(info->name) + " needs an argument");
      return make_command(info->verb, args);
    case Verb::noop:
    case Verb::help: return make_command(info->verb, args);
  }
  return syntax("command unrecognized");
}

}  // namespace kurir::smtp
