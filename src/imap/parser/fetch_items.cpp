// FETCH items: RFC 9051 9 fetch-att, section, partial; RFC 3516 BINARY;
// RFC 7162 MODSEQ; RFC 8474 EMAILID/THREADID; RFC 8514 SAVEDATE.
#include <string>

#include "core/limits.hpp"
#include "imap/parser/grammar.hpp"

namespace kurir::imap::grammar {

namespace {

using Kind = FetchItem::Kind;

struct SimpleItem {
  std::string_view name;
  Kind kind;
};

constexpr SimpleItem kSimpleItems[] = {
    {"ENVELOPE", Kind::envelope},
    {"FLAGS", Kind::flags},
    {"INTERNALDATE", Kind::internaldate},
    {"RFC822", Kind::rfc822},
    {"RFC822.HEADER", Kind::rfc822_header},
    {"RFC822.SIZE", Kind::rfc822_size},
    {"RFC822.TEXT", Kind::rfc822_text},
    {"BODYSTRUCTURE", Kind::bodystructure},
    {"UID", Kind::uid},
    {"MODSEQ", Kind::modseq},
    {"SAVEDATE", Kind::savedate},
    {"EMAILID", Kind::emailid},
    {"THREADID", Kind::threadid},
};

FetchItem simple(Kind kind) {
  FetchItem item;
  item.kind = kind;
  return item;
}

// section-part = nz-number *("." nz-number); stops before a "." that is not followed by a digit.
bool section_part(Reader& r, std::vector<std::uint32_t>& part) {
  do {
    std::uint32_t n = 0;
    if (!r.nz_number(n, "a body part number")) return false;
    part.push_back(n);
  } while (r.peek() == '.' && is_digit(r.peek(1)) && r.accept('.'));
  return true;
}

// header-list = "(" header-fld-name *(SP header-fld-name) ")"
bool header_list(Reader& r, std::vector<std::string>& fields) {
  if (!r.sp("the header field list") || !r.expect('(', "\"(\" starting the header field list")) return false;
  do {
    if (fields.size() >= limits::kMaxImapHeaderFieldNames)
      return r.fail("more than " + std::to_string(limits::kMaxImapHeaderFieldNames) + " header field names",
                    "LIMIT");
    std::string name;
    if (!r.astring(name, "a header field name")) return false;
    fields.push_back(std::move(name));
  } while (r.accept(' '));
  return r.expect(')', "\")\" closing the header field list");
}

// section = "[" [section-spec] "]"
bool section(Reader& r, Section& out) {
  if (!r.expect('[', "\"[\" starting a body section")) return false;
  if (r.accept(']')) return true;
  bool after_part = false;
  if (is_digit(r.peek())) {
    if (!section_part(r, out.part)) return false;
    if (r.accept(']')) return true;
    if (!r.expect('.', "\".\" or \"]\" after the part number")) return false;
    after_part = true;
  }
  std::string_view name;
  if (!r.word(name, "HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME")) return false;
  if (iequals(name, "HEADER")) {
    out.text = Section::Text::header;
  } else if (iequals(name, "HEADER.FIELDS")) {
    out.text = Section::Text::header_fields;
  } else if (iequals(name, "HEADER.FIELDS.NOT")) {
    out.text = Section::Text::header_fields_not;
  } else if (iequals(name, "TEXT")) {
    out.text = Section::Text::text;
  } else if (iequals(name, "MIME") && after_part) {
    out.text =
        Section::Text::mime;  // RFC 9051 9: section-text = section-msgtext / "MIME" (after a part only)
  } else {
    return r.fail("unknown body section " + quoted_name(name));
  }
  if ((out.text == Section::Text::header_fields || out.text == Section::Text::header_fields_not) &&
      !header_list(r, out.fields))
    return false;
  return r.expect(']', "\"]\" closing the body section");
}

// section-binary = "[" [section-part] "]" (RFC 3516 4.1)
bool section_binary(Reader& r, Section& out) {
  if (!r.expect('[', "\"[\" starting a BINARY section")) return false;
  if (r.accept(']')) return true;
  if (!section_part(r, out.part)) return false;
  return r.expect(']', "\"]\" closing the BINARY section (only part numbers, RFC 3516 4.1)");
}

// partial = "<" number64 "." nz-number64 ">" (RFC 9051 9)
bool partial(Reader& r, std::optional<Partial>& out) {
  if (!r.accept('<')) return true;
  Partial p;
  if (!r.number64(p.offset, "the partial's offset", false) || !r.expect('.', "\".\" in <offset.length>") ||
      !r.number64(p.length, "the partial's length", true) || !r.expect('>', "\">\" closing <offset.length>"))
    return false;
  out = p;
  return true;
}

bool fetch_att(Reader& r, std::vector<FetchItem>& out) {
  if (out.size() >= limits::kMaxImapFetchItems)
    return r.fail("more than " + std::to_string(limits::kMaxImapFetchItems) + " FETCH items", "LIMIT");
  std::string_view name;
  if (!r.word(name, "a FETCH item")) return false;
  for (const auto& item : kSimpleItems) {
    if (iequals(name, item.name)) {
      out.push_back(simple(item.kind));
      return true;
    }
  }
  FetchItem item;
  if (iequals(name, "BODY") && r.peek() != '[') {
    item.kind = Kind::body;
  } else if (iequals(name, "BODY") || iequals(name, "BODY.PEEK")) {
    item.kind = Kind::body_section;
    item.peek = name.size() > 4;
    if (!section(r, item.section) || !partial(r, item.partial)) return false;
  } else if (iequals(name, "BINARY") || iequals(name, "BINARY.PEEK")) {
    item.kind = Kind::binary;
    item.peek = name.size() > 6;
    if (!section_binary(r, item.section) || !partial(r, item.partial)) return false;
  } else if (iequals(name, "BINARY.SIZE")) {
    item.kind = Kind::binary_size;
    if (!section_binary(r, item.section)) return false;
  } else if (iequals(name, "ALL") || iequals(name, "FAST") || iequals(name, "FULL")) {
    return r.fail("the macro " + upper(name) + " cannot be inside a FETCH list (RFC 9051 6.4.5)");
  } else {
    return r.fail("unknown FETCH item " + quoted_name(name));
  }
  out.push_back(std::move(item));
  return true;
}

}  // namespace

bool fetch_items(Reader& r, std::vector<FetchItem>& out) {
  if (r.accept('(')) {
    if (!r.enter()) return false;
    do {
      if (!fetch_att(r, out)) return false;
    } while (r.accept(' '));
    r.leave();
    return r.expect(')', "\")\" closing the FETCH item list");
  }
  // RFC 9051 6.4.5: the macros ALL, FAST and FULL stand alone.
  const bool all = r.accept_keyword("ALL");
  const bool full = !all && r.accept_keyword("FULL");
  if (all || full || r.accept_keyword("FAST")) {
    out = {simple(Kind::flags), simple(Kind::internaldate), simple(Kind::rfc822_size)};
    if (all || full) out.push_back(simple(Kind::envelope));
    if (full) out.push_back(simple(Kind::body));
    return true;
  }
  return fetch_att(r, out);
}

}  // namespace kurir::imap::grammar
