// SEARCH programs: RFC 9051 9 search-key (and RFC 3501's NEW/OLD/RECENT),
// RFC 4731/9051 search-return-opts, RFC 7162 3.1.5 MODSEQ, RFC 5032 WITHIN,
// RFC 5256 sort-criteria (with RFC 5957 DISPLAYFROM/DISPLAYTO).
#include <string>

#include "core/limits.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

using Kind = SearchKey::Kind;

enum class Arg : std::uint8_t {
  none,
  astring,
  keyword,
  date,
  number64,
  nz_number,
  set,
  header,
  modseq,
  not_,
  or_
};

struct KeyName {
  std::string_view name;
  Kind kind;
  Arg arg;
};

constexpr KeyName kKeys[] = {
    {"ALL", Kind::all, Arg::none},
    {"ANSWERED", Kind::answered, Arg::none},
    {"BCC", Kind::bcc, Arg::astring},
    {"BEFORE", Kind::before, Arg::date},
    {"BODY", Kind::body, Arg::astring},
    {"CC", Kind::cc, Arg::astring},
    {"DELETED", Kind::deleted, Arg::none},
    {"DRAFT", Kind::draft, Arg::none},
    {"FLAGGED", Kind::flagged, Arg::none},
    {"FROM", Kind::from, Arg::astring},
    {"HEADER", Kind::header, Arg::header},
    {"KEYWORD", Kind::keyword, Arg::keyword},
    {"LARGER", Kind::larger, Arg::number64},
    {"MODSEQ", Kind::modseq, Arg::modseq},
    {"NEW", Kind::new_, Arg::none},  // RFC 3501 6.4.4 (IMAP4rev1 only)
    {"NOT", Kind::not_, Arg::not_},
    {"OLD", Kind::old, Arg::none},           // RFC 3501 6.4.4
    {"OLDER", Kind::older, Arg::nz_number},  // RFC 5032 WITHIN
    {"ON", Kind::on, Arg::date},
    {"OR", Kind::or_, Arg::or_},
    {"RECENT", Kind::recent, Arg::none},  // RFC 3501 6.4.4
    {"SEEN", Kind::seen, Arg::none},
    {"SENTBEFORE", Kind::sentbefore, Arg::date},
    {"SENTON", Kind::senton, Arg::date},
    {"SENTSINCE", Kind::sentsince, Arg::date},
    {"SINCE", Kind::since, Arg::date},
    {"SMALLER", Kind::smaller, Arg::number64},
    {"SUBJECT", Kind::subject, Arg::astring},
    {"TEXT", Kind::text, Arg::astring},
    {"TO", Kind::to, Arg::astring},
    {"UID", Kind::uid, Arg::set},
    {"UNANSWERED", Kind::unanswered, Arg::none},
    {"UNDELETED", Kind::undeleted, Arg::none},
    {"UNDRAFT", Kind::undraft, Arg::none},
    {"UNFLAGGED", Kind::unflagged, Arg::none},
    {"UNKEYWORD", Kind::unkeyword, Arg::keyword},
    {"UNSEEN", Kind::unseen, Arg::none},
    {"YOUNGER", Kind::younger, Arg::nz_number},  // RFC 5032 WITHIN
};

class ProgramReader {
 public:
  explicit ProgramReader(Reader& r) : r_(r) {}

  bool key(SearchKey& out) {
    if (++count_ > limits::kMaxImapSearchKeys)
      return r_.fail("more than " + std::to_string(limits::kMaxImapSearchKeys) + " search keys", "LIMIT");
    const unsigned char c = r_.peek();
    if (c == '(') return group(out);
    if (is_digit(c) || c == '*' || c == '$') {
      out.kind = Kind::sequence_set;
      return sequence_set(r_, out.set, true);
    }
    std::string_view name;
    if (!r_.word(name, "a search key")) return false;
    for (const auto& k : kKeys) {
      if (iequals(name, k.name)) {
        out.kind = k.kind;
        return argument(k, out);
      }
    }
    return r_.fail("unknown search key " + quoted_name(name));
  }

 private:
  // "(" search-key *(SP search-key) ")"
  bool group(SearchKey& out) {
    r_.accept('(');
    if (!r_.enter()) return false;
    out.kind = Kind::and_;
    do {
      SearchKey child;
      if (!key(child)) return false;
      out.children.push_back(std::move(child));
    } while (r_.accept(' '));
    r_.leave();
    return r_.expect(')', "\")\" closing the parenthesised search keys");
  }

  bool child(SearchKey& out, std::string_view what) {
    if (!r_.sp(what)) return false;
    SearchKey k;
    if (!key(k)) return false;
    out.children.push_back(std::move(k));
    return true;
  }

  bool argument(const KeyName& k, SearchKey& out) {
    const std::string what = "the argument of " + std::string(k.name);
    switch (k.arg) {
      case Arg::none:
        return true;
      case Arg::astring:
        return r_.sp(what) && r_.astring(out.text, what);
      case Arg::keyword:
        return r_.sp(what) && flag_keyword(r_, out.text);
      case Arg::date:
        return r_.sp(what) && date(r_, out.date);
      case Arg::number64:
        return r_.sp(what) && r_.number64(out.number, what, false);
      case Arg::nz_number:
        return r_.sp(what) && r_.number64(out.number, what, true);
      case Arg::set:
        return r_.sp(what) && sequence_set(r_, out.set, true);
      case Arg::header:
        // "HEADER" SP header-fld-name SP astring
        return r_.sp("the header field name of HEADER") &&
               r_.astring(out.field, "the header field name of HEADER") && r_.sp("the text of HEADER") &&
               r_.astring(out.text, "the text of HEADER");
      case Arg::modseq:
        return modseq(out);
      case Arg::not_: {
        if (!r_.enter()) return false;
        const bool ok = child(out, "the search key after NOT");
        r_.leave();
        return ok;
      }
      case Arg::or_: {
        if (!r_.enter()) return false;
        const bool ok = child(out, "the first search key of OR") && child(out, "the second search key of OR");
        r_.leave();
        return ok;
      }
    }
    return false;
  }

  // RFC 7162 3.1.5: "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer
  bool modseq(SearchKey& out) {
    if (!r_.sp("the argument of MODSEQ")) return false;
    if (r_.peek() == '"') {
      // entry-name = entry-flag-name: DQUOTE "/flags/" attr-flag DQUOTE; kept only for syntax.
      std::string entry;
      if (!r_.string(entry, "the MODSEQ entry name")) return false;
      if (entry.size() < 8 || !iequals(std::string_view(entry).substr(0, 7), "/flags/"))
        return r_.fail("a MODSEQ entry name must be \"/flags/<flag>\" (RFC 7162 3.1.5)");
      std::string_view type;
      if (!r_.sp("the MODSEQ entry type") || !r_.word(type, "the MODSEQ entry type (priv, shared or all)"))
        return false;
      if (!iequals(type, "priv") && !iequals(type, "shared") && !iequals(type, "all"))
        return r_.fail("the MODSEQ entry type must be priv, shared or all (RFC 7162 3.1.5)");
      if (!r_.sp("the MODSEQ value")) return false;
    }
    return r_.number64(out.number, "the MODSEQ value", false);
  }

  Reader& r_;
  std::size_t count_ = 0;
};

}  // namespace

bool search_return(Reader& r, SearchReturn& out) {
  // search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"
  if (r.peek() != ' ' || r.peek(1) == 0) return true;
  {
    Reader probe = r;
    probe.accept(' ');
    if (!probe.accept_keyword("RETURN")) return true;
  }
  r.accept(' ');
  r.accept_keyword("RETURN");
  out.given = true;
  if (!r.sp("the RETURN options") || !r.expect('(', "\"(\" starting the RETURN options")) return false;
  if (r.accept(')')) {
    out.all = true;  // RFC 4731 3.1: "RETURN ()" is "RETURN (ALL)"
    return true;
  }
  do {
    std::string_view name;
    if (!r.word(name, "a RETURN option (MIN, MAX, ALL, COUNT or SAVE)")) return false;
    if (iequals(name, "MIN"))
      out.min = true;
    else if (iequals(name, "MAX"))
      out.max = true;
    else if (iequals(name, "ALL"))
      out.all = true;
    else if (iequals(name, "COUNT"))
      out.count = true;
    else if (iequals(name, "SAVE"))
      out.save = true;
    else
      return r.fail("unknown SEARCH RETURN option " + quoted_name(name));
  } while (r.accept(' '));
  return r.expect(')', "\")\" closing the RETURN options");
}

bool search_program(Reader& r, std::string& charset, std::vector<SearchKey>& keys, bool charset_required) {
  // search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
  if (charset_required) {
    // RFC 5256 SORT/THREAD: search-criteria = charset 1*(SP search-key)
    std::string name;
    if (!r.astring(name, "the charset (e.g. UTF-8)")) return false;
    charset = upper(name);
    if (!r.sp("the search keys")) return false;
  } else if (r.accept_keyword("CHARSET")) {
    std::string name;
    if (!r.sp("the charset after CHARSET") || !r.astring(name, "the charset after CHARSET")) return false;
    charset = upper(name);
    if (!r.sp("the search keys after the charset")) return false;
  }
  ProgramReader program(r);
  do {
    SearchKey key;
    if (!program.key(key)) return false;
    keys.push_back(std::move(key));
  } while (r.accept(' '));
  return r.end("the search keys");
}

bool sort_criteria(Reader& r, std::vector<SortKey>& out) {
  // sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"; sort-criterion = ["REVERSE" SP] sort-key
  struct Name {
    std::string_view name;
    SortKey::Kind kind;
  };
  static constexpr Name kNames[] = {
      {"ARRIVAL", SortKey::Kind::arrival},
      {"CC", SortKey::Kind::cc},
      {"DATE", SortKey::Kind::date},
      {"FROM", SortKey::Kind::from},
      {"SIZE", SortKey::Kind::size},
      {"SUBJECT", SortKey::Kind::subject},
      {"TO", SortKey::Kind::to},
      {"DISPLAYFROM", SortKey::Kind::display_from},
      {"DISPLAYTO", SortKey::Kind::display_to},
  };
  if (!r.expect('(', "\"(\" starting the sort criteria")) return false;
  do {
    SortKey key;
    if (r.accept_keyword("REVERSE")) {
      key.reverse = true;
      if (!r.sp("the sort key after REVERSE")) return false;
    }
    std::string_view name;
    if (!r.word(name, "a sort key")) return false;
    bool known = false;
    for (const auto& n : kNames) {
      if (iequals(name, n.name)) {
        key.kind = n.kind;
        known = true;
      }
    }
    if (!known) return r.fail("unknown sort key " + quoted_name(name));
    if (out.size() >= limits::kMaxImapSearchKeys) return r.fail("too many sort keys", "LIMIT");
    out.push_back(key);
  } while (r.accept(' '));
  return r.expect(')', "\")\" closing the sort criteria");
}

}  // namespace kurir::imap::grammar
