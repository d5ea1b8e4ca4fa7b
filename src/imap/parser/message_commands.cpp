// Commands on the selected mailbox's messages: EXPUNGE (RFC 9051 6.4.3, RFC
// 4315 2.1 UID EXPUNGE), SEARCH (6.4.4, RFC 4731), SORT and THREAD (RFC 5256,
// RFC 5267 ESORT), FETCH (6.4.5, RFC 7162 3.1.4.1 / 3.2.6), STORE (6.4.6,
// RFC 7162 3.1.3), COPY (6.4.7) and MOVE (RFC 6851).
#include <string>

#include "imap/parser/commands.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

// fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"
bool fetch_modifiers(Reader& r, Fetch& cmd) {
  if (!r.expect('(', "\"(\" starting the FETCH modifiers")) return false;
  do {
    std::string_view name;
    if (!r.word(name, "a FETCH modifier (CHANGEDSINCE or VANISHED)")) return false;
    if (iequals(name, "CHANGEDSINCE")) {
      // RFC 7162 3.1.4.1: "CHANGEDSINCE" SP mod-sequence-value
      store::ModSeq since = 0;
      if (cmd.changed_since) return r.fail("CHANGEDSINCE given twice");
      if (!r.sp("the CHANGEDSINCE value") || !r.number64(since, "the CHANGEDSINCE value", true)) return false;
      cmd.changed_since = since;
    } else if (iequals(name, "VANISHED")) {
      // RFC 7162 3.2.6: only in UID FETCH
      if (!cmd.uid) return r.fail("VANISHED is only allowed in UID FETCH (RFC 7162 3.2.6)");
      cmd.vanished = true;
    } else {
      return r.fail("unknown FETCH modifier " + quoted_name(name));
    }
  } while (r.accept(' '));
  if (!r.expect(')', "\")\" closing the FETCH modifiers")) return false;
  // RFC 7162 3.2.6: VANISHED without CHANGEDSINCE is BAD.
  return !cmd.vanished || cmd.changed_since || r.fail("VANISHED needs CHANGEDSINCE (RFC 7162 3.2.6)");
}

}  // namespace

bool parse_expunge(Reader& r, CommandBody& out, bool uid) {
  Expunge cmd;
  if (uid) {
    // RFC 4315 2.1: uid-expunge = "UID" SP "EXPUNGE" SP sequence-set
    SequenceSet set;
    if (!r.sp("the UIDs to expunge") || !sequence_set(r, set, true)) return false;
    cmd.uids = std::move(set);
  }
  out = std::move(cmd);
  return r.end(uid ? "the UIDs" : "EXPUNGE");
}

bool parse_search(Reader& r, CommandBody& out, bool uid) {
  // search = "SEARCH" [search-return-opts] SP search-program
  Search cmd;
  cmd.uid = uid;
  if (!search_return(r, cmd.returns) || !r.sp("the search keys") ||
      !search_program(r, cmd.charset, cmd.keys, false))
    return false;
  out = std::move(cmd);
  return true;
}

bool parse_sort(Reader& r, CommandBody& out, bool uid) {
  // RFC 5256 / RFC 5267 3.2: sort = ["UID" SP] "SORT" [search-return-opts] SP sort-criteria SP
  // search-criteria
  Sort cmd;
  cmd.uid = uid;
  if (!search_return(r, cmd.returns) || !r.sp("the sort criteria") || !sort_criteria(r, cmd.criteria) ||
      !r.sp("the charset") || !search_program(r, cmd.charset, cmd.keys, true))
    return false;
  out = std::move(cmd);
  return true;
}

bool parse_thread(Reader& r, CommandBody& out, bool uid) {
  // RFC 5256 5: thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
  Thread cmd;
  cmd.uid = uid;
  std::string_view algorithm;
  if (!r.sp("the threading algorithm") || !r.word(algorithm, "the threading algorithm")) return false;
  if (iequals(algorithm, "REFERENCES")) {
    cmd.algorithm = ThreadAlgorithm::references;
  } else if (iequals(algorithm, "ORDEREDSUBJECT")) {
    cmd.algorithm = ThreadAlgorithm::orderedsubject;
  } else {
    return r.fail("unknown threading algorithm " + quoted_name(algorithm) +
                  " (REFERENCES or ORDEREDSUBJECT)");
  }
  if (!r.sp("the charset") || !search_program(r, cmd.charset, cmd.keys, true)) return false;
  out = std::move(cmd);
  return true;
}

bool parse_fetch(Reader& r, CommandBody& out, bool uid) {
  // fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att /
  //         "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]
  Fetch cmd;
  cmd.uid = uid;
  if (!r.sp("the sequence set") || !sequence_set(r, cmd.set, true) || !r.sp("the FETCH items") ||
      !fetch_items(r, cmd.items))
    return false;
  if (r.accept(' ') && !fetch_modifiers(r, cmd)) return false;
  out = std::move(cmd);
  return r.end("the FETCH items");
}

bool parse_store(Reader& r, CommandBody& out, bool uid) {
  // store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
  // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
  Store cmd;
  cmd.uid = uid;
  if (!r.sp("the sequence set") || !sequence_set(r, cmd.set, true) || !r.sp("FLAGS, +FLAGS or -FLAGS"))
    return false;
  if (r.accept('(')) {
    // RFC 7162 3.1.3: store-modifier =/ "UNCHANGEDSINCE" SP mod-sequence-valzer
    store::ModSeq since = 0;
    if (!r.accept_keyword("UNCHANGEDSINCE")) return r.expected("UNCHANGEDSINCE (the only STORE modifier)");
    if (!r.sp("the UNCHANGEDSINCE value") || !r.number64(since, "the UNCHANGEDSINCE value", false) ||
        !r.expect(')', "\")\" closing the STORE modifiers") || !r.sp("FLAGS, +FLAGS or -FLAGS"))
      return false;
    cmd.unchanged_since = since;
  }
  if (r.accept('+'))
    cmd.mode = store::FlagChange::Mode::add;
  else if (r.accept('-'))
    cmd.mode = store::FlagChange::Mode::remove;
  std::string_view name;
  if (!r.word(name, "FLAGS, +FLAGS or -FLAGS")) return false;
  if (iequals(name, "FLAGS.SILENT"))
    cmd.silent = true;
  else if (!iequals(name, "FLAGS"))
    return r.fail("expected FLAGS, +FLAGS or -FLAGS, not " + quoted_name(name));
  if (!r.sp("the flags")) return false;
  if (!(r.peek() == '(' ? flag_list(r, cmd.flags) : flags_bare(r, cmd.flags))) return false;
  out = std::move(cmd);
  return r.end("the flags");
}

namespace {

bool copy_or_move(Reader& r, CommandBody& out, bool uid, bool move) {
  // copy = "COPY" SP sequence-set SP mailbox; RFC 6851 3.3: move = "MOVE" SP sequence-set SP mailbox
  Copy cmd;
  cmd.uid = uid;
  cmd.move = move;
  if (!r.sp("the sequence set") || !sequence_set(r, cmd.set, true) || !r.sp("the target mailbox") ||
      !mailbox(r, cmd.mailbox, "target mailbox"))
    return false;
  out = std::move(cmd);
  return r.end("the target mailbox");
}

}  // namespace

bool parse_copy(Reader& r, CommandBody& out, bool uid) {
  return copy_or_move(r, out, uid, false);
}
bool parse_move(Reader& r, CommandBody& out, bool uid) {
  return copy_or_move(r, out, uid, true);
}

}  // namespace kurir::imap::grammar
