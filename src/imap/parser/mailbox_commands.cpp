// Mailbox commands: SELECT/EXAMINE (RFC 9051 6.3.2-6.3.3, RFC 7162 3.1.8,
// 3.2.5), CREATE (RFC 6154 3), DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST,
// LSUB, STATUS, APPEND (RFC 3502, RFC 3516 4.4), and the QUOTA commands (RFC 9208 4).
#include <string>

#include "imap/parser/commands.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

bool single_mailbox(Reader& r, std::string& name, std::string_view command) {
  return r.sp("the mailbox name") && mailbox(r, name) && r.end(std::string(command) + "'s mailbox name");
}

// RFC 7162 3.2.5: "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
bool qresync(Reader& r, Select::Qresync& out) {
  if (!r.sp("the QRESYNC parameters") || !r.expect('(', "\"(\" starting the QRESYNC parameters") ||
      !r.nz_number(out.uidvalidity, "the UIDVALIDITY of QRESYNC") || !r.sp("the MODSEQ of QRESYNC") ||
      !r.number64(out.modseq, "the MODSEQ of QRESYNC", true))
    return false;
  if (r.accept(' ') && r.peek() != '(') {
    SequenceSet known;
    if (!sequence_set(r, known, false, false)) return false;
    out.known_uids = std::move(known);
    if (!r.accept(' ')) return r.expect(')', "\")\" closing the QRESYNC parameters");
  }
  if (r.accept('(')) {
    // seq-match-data = "(" known-sequence-set SP known-uid-set ")"
    SequenceSet seqs, uids;
    if (!sequence_set(r, seqs, false, false) || !r.sp("the known UIDs of the sequence match data") ||
        !sequence_set(r, uids, false, false) || !r.expect(')', "\")\" closing the sequence match data"))
      return false;
    out.seq_match = std::make_pair(std::move(seqs), std::move(uids));
  }
  return r.expect(')', "\")\" closing the QRESYNC parameters");
}

bool select_or_examine(Reader& r, CommandBody& out, bool read_only) {
  // select = "SELECT" SP mailbox [select-params]; select-params = SP "(" select-param *(SP select-param) ")"
  Select cmd;
  cmd.read_only = read_only;
  if (!r.sp("the mailbox name") || !mailbox(r, cmd.mailbox)) return false;
  if (r.accept(' ')) {
    if (!r.expect('(', "\"(\" starting the SELECT parameters")) return false;
    do {
      std::string_view name;
      if (!r.word(name, "a SELECT parameter (CONDSTORE or QRESYNC)")) return false;
      if (iequals(name, "CONDSTORE")) {
        cmd.condstore = true;
      } else if (iequals(name, "QRESYNC")) {
        if (cmd.qresync) return r.fail("QRESYNC given twice");
        Select::Qresync params;
        if (!qresync(r, params)) return false;
        cmd.qresync = std::move(params);
      } else {
        return r.fail("unknown SELECT parameter " + quoted_name(name));
      }
    } while (r.accept(' '));
    if (!r.expect(')', "\")\" closing the SELECT parameters")) return false;
  }
  out = std::move(cmd);
  return r.end("the SELECT parameters");
}

bool special_use(std::string_view name, store::SpecialUse& out) {
  struct Name {
    std::string_view name;
    store::SpecialUse use;
  };
  static constexpr Name kNames[] = {
      {"\\All", store::SpecialUse::all},       {"\\Archive", store::SpecialUse::archive},
      {"\\Drafts", store::SpecialUse::drafts}, {"\\Flagged", store::SpecialUse::flagged},
      {"\\Junk", store::SpecialUse::junk},     {"\\Sent", store::SpecialUse::sent},
      {"\\Trash", store::SpecialUse::trash},
  };
  for (const auto& n : kNames) {
    if (iequals(name, n.name)) {
      out = n.use;
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_select(Reader& r, CommandBody& out, bool) {
  return select_or_examine(r, out, false);
}
bool parse_examine(Reader& r, CommandBody& out, bool) {
  return select_or_examine(r, out, true);
}

bool parse_create(Reader& r, CommandBody& out, bool) {
  // create = "CREATE" SP mailbox [create-params]; RFC 6154 3: create-param =/ "USE" SP "(" [use-attr *(SP
  // use-attr)] ")"
  Create cmd;
  if (!r.sp("the mailbox name") || !mailbox(r, cmd.mailbox)) return false;
  if (r.accept(' ')) {
    if (!r.expect('(', "\"(\" starting the CREATE parameters")) return false;
    if (!r.accept_keyword("USE")) return r.expected("USE (the only CREATE parameter, RFC 6154 3)");
    if (!r.sp("the special-use attributes") || !r.expect('(', "\"(\" starting the special-use attributes"))
      return false;
    if (!r.accept(')')) {
      do {
        std::string_view name;
        if (!r.expect('\\', "a special-use attribute such as \\Sent") ||
            !r.atom(name, "a special-use attribute"))
          return false;
        store::SpecialUse use = store::SpecialUse::none;
        if (!special_use("\\" + std::string(name), use))
          return r.fail(
              quoted_name("\\" + std::string(name)) + " is not a special-use attribute Kurir supports",
              "USEATTR");
        if (cmd.use != store::SpecialUse::none && cmd.use != use)
          return r.fail("one special-use attribute per mailbox", "USEATTR");
        cmd.use = use;
      } while (r.accept(' '));
      if (!r.expect(')', "\")\" closing the special-use attributes")) return false;
    }
    if (!r.expect(')', "\")\" closing the CREATE parameters")) return false;
  }
  out = std::move(cmd);
  return r.end("the CREATE parameters");
}

bool parse_delete(Reader& r, CommandBody& out, bool) {
  Delete cmd;
  if (!single_mailbox(r, cmd.mailbox, "DELETE")) return false;
  out = std::move(cmd);
  return true;
}

bool parse_rename(Reader& r, CommandBody& out, bool) {
  // rename = "RENAME" SP mailbox SP mailbox
  Rename cmd;
  if (!r.sp("the mailbox to rename") || !mailbox(r, cmd.from, "the mailbox to rename") ||
      !r.sp("the new mailbox name") || !mailbox(r, cmd.to, "the new mailbox name"))
    return false;
  out = std::move(cmd);
  return r.end("the new mailbox name");
}

bool parse_subscribe(Reader& r, CommandBody& out, bool) {
  Subscribe cmd;
  if (!single_mailbox(r, cmd.mailbox, "SUBSCRIBE")) return false;
  out = std::move(cmd);
  return true;
}

bool parse_unsubscribe(Reader& r, CommandBody& out, bool) {
  Subscribe cmd;
  cmd.subscribe = false;
  if (!single_mailbox(r, cmd.mailbox, "UNSUBSCRIBE")) return false;
  out = std::move(cmd);
  return true;
}

bool parse_list(Reader& r, CommandBody& out, bool) {
  List cmd;
  if (!list_arguments(r, cmd)) return false;
  out = std::move(cmd);
  return true;
}

bool parse_lsub(Reader& r, CommandBody& out, bool) {
  // lsub = "LSUB" SP mailbox SP list-mailbox (RFC 3501 6.3.9)
  List cmd;
  cmd.lsub = true;
  std::string pattern;
  if (!r.sp("the LSUB reference name") || !mailbox(r, cmd.reference, "reference name") ||
      !r.sp("the mailbox pattern") || !list_pattern(r, pattern))
    return false;
  cmd.patterns.push_back(std::move(pattern));
  out = std::move(cmd);
  return r.end("the mailbox pattern");
}

bool parse_status(Reader& r, CommandBody& out, bool) {
  // status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
  StatusRequest cmd;
  if (!r.sp("the mailbox name") || !mailbox(r, cmd.mailbox) || !r.sp("the STATUS items") ||
      !status_items(r, cmd.items))
    return false;
  out = std::move(cmd);
  return r.end("the STATUS items");
}

bool parse_append(Reader& r, CommandBody& out, bool) {
  // RFC 3502 6: append = "APPEND" SP mailbox 1*append-message;
  // append-message = append-opts SP append-data; append-opts = [SP flag-list] [SP date-time]
  Append cmd;
  if (!r.sp("the mailbox name") || !mailbox(r, cmd.mailbox)) return false;
  do {
    AppendMessage message;
    if (!r.sp("the message (a literal)")) return false;
    if (r.peek() == '(') {
      if (!flag_list(r, message.flags) || !r.sp("the message (a literal)")) return false;
    }
    if (r.peek() == '"') {
      std::int64_t seconds = 0;
      if (!date_time(r, seconds) || !r.sp("the message (a literal)")) return false;
      message.internal_date = seconds;
    }
    if (r.accept_keyword("UTF8")) {
      // RFC 6855 4: append-data =/ "UTF8" SP "(" literal8 ")"
      if (!r.sp("the UTF8 message data") || !r.expect('(', "\"(\" before the UTF8 message data") ||
          !r.message_literal(message.bytes, message.binary, "the UTF8 message data") ||
          !r.expect(')', "\")\" after the UTF8 message data"))
        return false;
      if (!message.binary) return r.fail("UTF8 message data must be a literal8 ~{N} (RFC 6855 4)");
    } else if (!r.message_literal(message.bytes, message.binary, "the message")) {
      return false;
    }
    cmd.messages.push_back(std::move(message));
  } while (!r.at_end());
  out = std::move(cmd);
  return true;
}

bool parse_getquota(Reader& r, CommandBody& out, bool) {
  // RFC 9208 4.2: getquota = "GETQUOTA" SP quota-root-name
  GetQuota cmd;
  if (!r.sp("the quota root") || !r.astring(cmd.root, "the quota root")) return false;
  out = std::move(cmd);
  return r.end("the quota root");
}

bool parse_getquotaroot(Reader& r, CommandBody& out, bool) {
  GetQuotaRoot cmd;
  if (!single_mailbox(r, cmd.mailbox, "GETQUOTAROOT")) return false;
  out = std::move(cmd);
  return true;
}

bool parse_setquota(Reader& r, CommandBody& out, bool) {
  // RFC 9208 4.4: setquota = "SETQUOTA" SP quota-root-name SP setquota-list;
  // setquota-list = "(" [setquota-resource *(SP setquota-resource)] ")"; setquota-resource = resource-name SP
  // resource-limit
  SetQuota cmd;
  if (!r.sp("the quota root") || !r.astring(cmd.root, "the quota root") || !r.sp("the quota limits") ||
      !r.expect('(', "\"(\" starting the quota limits"))
    return false;
  if (!r.accept(')')) {
    do {
      std::string_view name;
      std::uint64_t limit = 0;
      if (!r.atom(name, "a quota resource name") || !r.sp("the resource limit") ||
          !r.number64(limit, "the resource limit", false))
        return false;
      cmd.limits.emplace_back(upper(name), limit);
    } while (r.accept(' '));
    if (!r.expect(')', "\")\" closing the quota limits")) return false;
  }
  out = std::move(cmd);
  return r.end("the quota limits");
}

}  // namespace kurir::imap::grammar
