// Commands of any state and of login: CAPABILITY, NOOP, LOGOUT, STARTTLS,
// AUTHENTICATE, LOGIN (RFC 9051 6.1, 6.2), ENABLE (RFC 5161), ID (RFC 2971),
// COMPRESS (RFC 4978), IDLE (RFC 2177), NAMESPACE (RFC 2342), CHECK, CLOSE,
// UNSELECT (RFC 9051 6.4.1-6.4.2).
#include <string>

#include "core/limits.hpp"
#include "imap/parser/commands.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

template <class T>
bool no_arguments(Reader& r, CommandBody& out, std::string_view name) {
  out = T{};
  return r.end(name);
}

// RFC 4648 base64 as in RFC 9051 9: base64 = *(4base64-char) [base64-terminal]
bool is_base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad != 0) return false;
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/'))
      return false;
  }
  return pad <= 2;
}

bool is_base64_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/' || c == '=';
}

}  // namespace

bool parse_capability(Reader& r, CommandBody& out, bool) {
  return no_arguments<Capability>(r, out, "CAPABILITY");
}
bool parse_noop(Reader& r, CommandBody& out, bool) {
  return no_arguments<Noop>(r, out, "NOOP");
}
bool parse_logout(Reader& r, CommandBody& out, bool) {
  return no_arguments<Logout>(r, out, "LOGOUT");
}
bool parse_starttls(Reader& r, CommandBody& out, bool) {
  return no_arguments<StartTls>(r, out, "STARTTLS");
}
bool parse_idle(Reader& r, CommandBody& out, bool) {
  return no_arguments<Idle>(r, out, "IDLE");
}
bool parse_namespace(Reader& r, CommandBody& out, bool) {
  return no_arguments<Namespace>(r, out, "NAMESPACE");
}
bool parse_check(Reader& r, CommandBody& out, bool) {
  return no_arguments<Check>(r, out, "CHECK");
}
bool parse_close(Reader& r, CommandBody& out, bool) {
  return no_arguments<Close>(r, out, "CLOSE");
}
bool parse_unselect(Reader& r, CommandBody& out, bool) {
  return no_arguments<Unselect>(r, out, "UNSELECT");
}

bool parse_authenticate(Reader& r, CommandBody& out, bool) {
  // authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]; initial-resp = base64 / "=" (RFC 4959)
  Authenticate cmd;
  std::string_view mechanism;
  if (!r.sp("the SASL mechanism") || !r.atom(mechanism, "the SASL mechanism")) return false;
  cmd.mechanism = upper(mechanism);
  if (r.accept(' ')) {
    const auto response = r.take_while(is_base64_char);
    if (response.size() > limits::kMaxSaslResponseBytes)
      return r.fail("initial SASL response too long", "TOOBIG");
    if (response != "=" && !is_base64(response))
      return response.empty() ? r.expected("the initial SASL response (base64 or \"=\")")
                              : r.fail("the initial SASL response is not valid base64 (RFC 4959)");
    cmd.initial_response = std::string(response);
  }
  out = std::move(cmd);
  return r.end("AUTHENTICATE");
}

bool parse_login(Reader& r, CommandBody& out, bool) {
  // login = "LOGIN" SP userid SP password
  Login cmd;
  if (!r.sp("the user name") || !r.astring(cmd.user, "the user name") || !r.sp("the password") ||
      !r.astring(cmd.password, "the password"))
    return false;
  if (cmd.password.size() > limits::kMaxPasswordBytes) return r.fail("password too long", "TOOBIG");
  out = std::move(cmd);
  return r.end("the password");
}

bool parse_enable(Reader& r, CommandBody& out, bool) {
  // RFC 5161 4: "ENABLE" 1*(SP capability)
  Enable cmd;
  do {
    std::string_view name;
    if (!r.sp("a capability to enable") || !r.atom(name, "a capability to enable")) return false;
    cmd.capabilities.push_back(upper(name));
  } while (!r.at_end());
  out = std::move(cmd);
  return true;
}

bool parse_id(Reader& r, CommandBody& out, bool) {
  // RFC 2971 4: id ::= "ID" SPACE id_params_list; id_params_list ::= "(" #(string SPACE nstring) ")" / nil
  Id cmd;
  if (!r.sp("the ID parameter list or NIL")) return false;
  if (!r.accept_keyword("NIL")) {
    if (!r.expect('(', "\"(\" starting the ID parameter list, or NIL")) return false;
    if (!r.accept(')')) {
      do {
        std::string field;
        std::optional<std::string> value;
        if (!r.string(field, "an ID field name (a string)") || !r.sp("the ID field's value") ||
            !r.nstring(value, "the ID field's value (a string or NIL)"))
          return false;
        cmd.fields.emplace_back(std::move(field), value.value_or(std::string()));
      } while (r.accept(' '));
      if (!r.expect(')', "\")\" closing the ID parameter list")) return false;
    }
  }
  out = std::move(cmd);
  return r.end("the ID parameter list");
}

bool parse_compress(Reader& r, CommandBody& out, bool) {
  // RFC 4978 4: compress = "COMPRESS" SP algorithm; algorithm = "DEFLATE"
  std::string_view mechanism;
  if (!r.sp("the compression mechanism") || !r.atom(mechanism, "the compression mechanism")) return false;
  out = Compress{upper(mechanism)};
  return r.end("the compression mechanism");
}

}  // namespace kurir::imap::grammar
