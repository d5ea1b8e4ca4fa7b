// LIST arguments (RFC 9051 6.3.9, RFC 5258 LIST-EXTENDED, RFC 6154
// SPECIAL-USE, RFC 5819 LIST-STATUS) and STATUS items (RFC 9051 6.3.11,
// RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ, RFC 7889 APPENDLIMIT).
#include <string>

#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

// list-select-opts = "(" [list-select-opt *(SP list-select-opt)] ")"
bool select_options(Reader& r, ListOptions& out) {
  r.accept('(');
  out.extended = true;
  bool base = false;  // an option RECURSIVEMATCH can modify
  if (!r.accept(')')) {
    do {
      std::string_view name;
      if (!r.word(name, "a LIST selection option")) return false;
      if (iequals(name, "SUBSCRIBED")) {
        out.subscribed = base = true;
      } else if (iequals(name, "REMOTE")) {
        out.remote = true;  // RFC 5258 3.1: a mod-option; Kurir has no remote mailboxes
      } else if (iequals(name, "RECURSIVEMATCH")) {
        out.recursive_match = true;
      } else if (iequals(name, "SPECIAL-USE")) {
        out.special_use = base = true;  // RFC 6154 5.1
      } else {
        return r.fail("unknown LIST selection option " + quoted_name(name));
      }
    } while (r.accept(' '));
    if (!r.expect(')', "\")\" closing the LIST selection options")) return false;
  }
  // RFC 5258 3.1: RECURSIVEMATCH alone (without an option it modifies) is BAD.
  if (out.recursive_match && !base)
    return r.fail("RECURSIVEMATCH needs another selection option (RFC 5258 3.1)");
  return true;
}

// list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"
bool return_options(Reader& r, ListOptions& out) {
  out.extended = true;
  if (!r.sp("the LIST return options") || !r.expect('(', "\"(\" starting the LIST return options"))
    return false;
  if (r.accept(')')) return true;
  do {
    std::string_view name;
    if (!r.word(name, "a LIST return option")) return false;
    if (iequals(name, "SUBSCRIBED")) {
      out.return_subscribed = true;
    } else if (iequals(name, "CHILDREN")) {
      out.return_children = true;
    } else if (iequals(name, "SPECIAL-USE")) {
      out.return_special_use = true;  // RFC 6154 5.1
    } else if (iequals(name, "STATUS")) {
      StatusItems items;  // RFC 5819 2
      if (!r.sp("the STATUS items") || !status_items(r, items)) return false;
      out.return_status = items;
    } else {
      return r.fail("unknown LIST return option " + quoted_name(name));
    }
  } while (r.accept(' '));
  return r.expect(')', "\")\" closing the LIST return options");
}

}  // namespace

bool status_items(Reader& r, StatusItems& out) {
  if (!r.expect('(', "\"(\" starting the STATUS items")) return false;
  do {
    std::string_view name;
    if (!r.word(name, "a STATUS item")) return false;
    if (iequals(name, "MESSAGES"))
      out.messages = true;
    else if (iequals(name, "UIDNEXT"))
      out.uidnext = true;
    else if (iequals(name, "UIDVALIDITY"))
      out.uidvalidity = true;
    else if (iequals(name, "UNSEEN"))
      out.unseen = true;
    else if (iequals(name, "DELETED"))
      out.deleted = true;
    else if (iequals(name, "SIZE"))
      out.size = true;
    else if (iequals(name, "HIGHESTMODSEQ"))
      out.highestmodseq = true;
    else if (iequals(name, "RECENT"))
      out.recent = true;
    else if (iequals(name, "APPENDLIMIT"))
      out.appendlimit = true;
    else
      return r.fail("unknown STATUS item " + quoted_name(name));
  } while (r.accept(' '));
  return r.expect(')', "\")\" closing the STATUS items");
}

bool list_arguments(Reader& r, List& out) {
  // list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
  if (!r.sp("the LIST reference name")) return false;
  if (r.peek() == '(') {
    if (!select_options(r, out.options) || !r.sp("the LIST reference name")) return false;
  }
  if (!mailbox(r, out.reference, "reference name") || !r.sp("the mailbox pattern")) return false;
  if (r.accept('(')) {
    // RFC 5258 3: patterns = "(" list-mailbox *(SP list-mailbox) ")"
    out.options.extended = true;
    do {
      std::string pattern;
      if (!list_pattern(r, pattern)) return false;
      out.patterns.push_back(std::move(pattern));
    } while (r.accept(' '));
    if (!r.expect(')', "\")\" closing the mailbox patterns")) return false;
  } else {
    std::string pattern;
    if (!list_pattern(r, pattern)) return false;
    out.patterns.push_back(std::move(pattern));
  }
  if (r.at_end()) return true;
  if (!r.sp("the LIST return options")) return false;
  if (!r.accept_keyword("RETURN")) return r.expected("RETURN or the end of the command");
  return return_options(r, out.options) && r.end("the LIST return options");
}

}  // namespace kurir::imap::grammar
