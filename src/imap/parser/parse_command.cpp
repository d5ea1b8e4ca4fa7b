// parse_command: tag, command name, the UID prefix, and the dispatch table
// of argument parsers (RFC 9051 9: command = tag SP (command-any /
// command-auth / command-nonauth / command-select) CRLF).
#include <string>

#include "imap/parser/commands.hpp"
#include "imap/parser/grammar.hpp"
#include "imap/parser/parser.hpp"

namespace kurir::imap {

namespace {

using grammar::ArgumentParser;

struct Entry {
  std::string_view name;
  ArgumentParser parse;
  bool uid_form;  // may follow "UID " (RFC 9051 6.4.9, RFC 4315, RFC 6851, RFC 5256)
};

constexpr Entry kCommands[] = {
    {"CAPABILITY", grammar::parse_capability, false},
    {"NOOP", grammar::parse_noop, false},
    {"LOGOUT", grammar::parse_logout, false},
    {"STARTTLS", grammar::parse_starttls, false},
    {"AUTHENTICATE", grammar::parse_authenticate, false},
    {"LOGIN", grammar::parse_login, false},
    {"ENABLE", grammar::parse_enable, false},
    {"ID", grammar::parse_id, false},
    {"COMPRESS", grammar::parse_compress, false},
    {"IDLE", grammar::parse_idle, false},
    {"NAMESPACE", grammar::parse_namespace, false},
    {"SELECT", grammar::parse_select, false},
    {"EXAMINE", grammar::parse_examine, false},
    {"CREATE", grammar::parse_create, false},
    {"DELETE", grammar::parse_delete, false},
    {"RENAME", grammar::parse_rename, false},
    {"SUBSCRIBE", grammar::parse_subscribe, false},
    {"UNSUBSCRIBE", grammar::parse_unsubscribe, false},
    {"LIST", grammar::parse_list, false},
    {"LSUB", grammar::parse_lsub, false},
    {"STATUS", grammar::parse_status, false},
    {"APPEND", grammar::parse_append, false},
    {"GETQUOTA", grammar::parse_getquota, false},
    {"GETQUOTAROOT", grammar::parse_getquotaroot, false},
    {"SETQUOTA", grammar::parse_setquota, false},
    {"CHECK", grammar::parse_check, false},
    {"CLOSE", grammar::parse_close, false},
    {"UNSELECT", grammar::parse_unselect, false},
    {"EXPUNGE", grammar::parse_expunge, true},
    {"SEARCH", grammar::parse_search, true},
    {"SORT", grammar::parse_sort, true},
    {"THREAD", grammar::parse_thread, true},
    {"FETCH", grammar::parse_fetch, true},
    {"STORE", grammar::parse_store, true},
    {"COPY", grammar::parse_copy, true},
    {"MOVE", grammar::parse_move, true},
};

const Entry* find_command(std::string_view name) {
  for (const auto& entry : kCommands)
    if (grammar::iequals(name, entry.name)) return &entry;
  return nullptr;
}

ParseError error_from(const grammar::Reader& r, std::string tag, std::string command) {
  return ParseError{std::move(tag), r.error_text(), r.error_code(), std::move(command)};
}

}  // namespace

Parsed parse_command(std::string_view wire, const ParseOptions& options) {
  grammar::Reader r(wire, options);
  const auto tag = r.take_while(grammar::is_tag_char);
  if (tag.empty()) {
    r.expected(r.peek() == '+' ? "a tag (\"+\" is not allowed in tags)" : "a tag");
    return error_from(r, {}, {});
  }
  // Anything else glued to the tag (a quote, a parenthesis, 8-bit) makes it no tag.
  if (!r.at_end() && r.peek() != ' ') {
    r.fail("a tag is made of letters, digits and punctuation other than ( ) { % * \" \\ +");
    return error_from(r, {}, {});
  }
  std::string tag_text(tag);
  std::string_view name;
  if (!r.sp("the command name") || !r.atom(name, "the command name")) return error_from(r, tag_text, {});
  bool uid = false;
  std::string command = grammar::upper(name);
  if (command == "UID") {
    uid = true;
    if (!r.sp("the command after UID") || !r.atom(name, "the command after UID"))
      return error_from(r, tag_text, command);
    command = "UID " + grammar::upper(name);
  }
  const Entry* entry = find_command(name);
  if (entry == nullptr || (uid && !entry->uid_form)) {
    r.fail(uid ? "UID cannot be followed by " + grammar::quoted_name(command.substr(4)) +
                     " (COPY, MOVE, FETCH, SEARCH, STORE, EXPUNGE, SORT, THREAD)"
               : "unknown command " + grammar::quoted_name(command));
    return error_from(r, tag_text, uid && entry == nullptr ? "UID" : (entry == nullptr ? "" : command));
  }
  Command result;
  result.tag = tag_text;
  if (!entry->parse(r, result.body, uid) || !r.check_totals()) return error_from(r, tag_text, command);
  return result;
}

}  // namespace kurir::imap
