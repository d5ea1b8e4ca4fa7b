// The cursor over one whole IMAP command (internal to imap/parser/): the
// tokens of RFC 9051 9 (atoms, numbers, quoted strings, literals, astrings)
// and the framing bounds. Each piece of the grammar (sequence_set.cpp,
// fetch_items.cpp, search_keys.cpp, ...) reads through one Reader.
//
// Failure model: every reading method returns false (or an empty optional)
// on failure after recording the first error's text; later failures keep the
// first text, so the client hears about the first thing that was wrong.
//
// SECURITY: a literal's announced size is checked against the bytes present
// before anything is copied; lines and the whole command are bounded (see
// parser.hpp); nesting is counted through enter()/leave().
//
// Thread-safety: one Reader per parse; not shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "imap/parser/parser.hpp"

namespace kurir::imap::grammar {

// RFC 9051 9: ATOM-CHAR = any CHAR except atom-specials
// ("(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]").
bool is_atom_char(unsigned char c);
// ASTRING-CHAR = ATOM-CHAR / resp-specials ("]").
inline bool is_astring_char(unsigned char c) {
  return c == ']' || is_atom_char(c);
}
// list-char = ATOM-CHAR / list-wildcards / resp-specials.
inline bool is_list_char(unsigned char c) {
  return c == '%' || c == '*' || is_astring_char(c);
}
// tag = 1*<any ASTRING-CHAR except "+">.
inline bool is_tag_char(unsigned char c) {
  return c != '+' && is_astring_char(c);
}
inline bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
// The letters, digits and dots of a keyword such as "BODY.PEEK" or "HEADER.FIELDS.NOT".
inline bool is_word_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '-' || c == '=';
}

bool iequals(std::string_view a, std::string_view b);
// A name from the input for an error text: quoted, cut to a few dozen bytes.
std::string quoted_name(std::string_view name);
std::string upper(std::string_view s);

class Reader {
 public:
  Reader(std::string_view wire, const ParseOptions& options) : wire_(wire), options_(options) {}

  const ParseOptions& options() const { return options_; }
  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= wire_.size(); }
  // The byte `ahead` past the cursor, or 0 past the end.
  unsigned char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < wire_.size() ? static_cast<unsigned char>(wire_[pos_ + ahead]) : 0;
  }
  // A literal "{" or literal8 "~{" is next ("~" alone is an ordinary ASTRING-CHAR).
  bool at_literal() const;
  // Consumes `c` if it is next.
  bool accept(char c);
  // Consumes `c` or fails "expected <what>".
  bool expect(char c, std::string_view what);
  // Consumes the single SP before <what> (RFC 9051 9 note 2: exactly one).
  bool sp(std::string_view what);
  // Consumes the characters while `pred` holds; may be empty.
  std::string_view take_while(bool (*pred)(unsigned char));
  // A keyword such as "FLAGS.SILENT": 1*(letter / digit / "." / "-" / "="); fails "expected <what>".
  bool word(std::string_view& out, std::string_view what);
  // Consumes `keyword` (case-insensitively) if it is next and not followed by an atom character.
  bool accept_keyword(std::string_view keyword);
  // atom = 1*ATOM-CHAR.
  bool atom(std::string_view& out, std::string_view what);
  // string = quoted / literal ("~{N}" literal8 is refused: RFC 3516 allows it only for APPEND data).
  bool string(std::string& out, std::string_view what);
  // astring = 1*ASTRING-CHAR / string.
  bool astring(std::string& out, std::string_view what);
  // nstring = string / "NIL".
  bool nstring(std::optional<std::string>& out, std::string_view what);
  // list-mailbox = 1*list-char / string.
  bool list_mailbox(std::string& out, std::string_view what);
  // A literal or literal8 for APPEND's message data (RFC 3502, RFC 3516 4.4):
  // its bytes do not count toward kMaxImapCommandBytes.
  bool message_literal(std::string& out, bool& binary, std::string_view what);
  // number = 1*DIGIT fitting 32 bits; nz_number also > 0.
  bool number(std::uint32_t& out, std::string_view what);
  bool nz_number(std::uint32_t& out, std::string_view what);
  // number64 = 1*DIGIT up to 2^63-1 (RFC 9051 9); nonzero: nz-number64 / mod-sequence-value.
  bool number64(std::uint64_t& out, std::string_view what, bool nonzero);
  // The end of the command, or fails "unexpected ... after <what>".
  bool end(std::string_view what);

  // Nesting of parenthesised lists and SEARCH NOT/OR, bounded by kMaxImapNesting.
  bool enter();
  void leave() { --depth_; }

  // Records the first failure; always returns false.
  bool fail(std::string text, std::string code = {});
  // "expected <what>", with "missing <what>" at the end of input and a
  // printable excerpt of what is there otherwise.
  bool expected(std::string_view what);
  bool failed() const { return failed_; }
  const std::string& error_text() const { return error_; }
  const std::string& error_code() const { return code_; }

  // After a successful parse: the last line and the whole command within bounds.
  bool check_totals();

 private:
  bool literal(std::string& out, bool& binary, bool binary_allowed, bool message, std::string_view what);
  bool quoted(std::string& out, std::string_view what);

  std::string_view wire_;
  const ParseOptions& options_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::size_t literals_ = 0;
  std::size_t message_bytes_ = 0;
  std::size_t depth_ = 0;
  bool failed_ = false;
  std::string error_;
  std::string code_;
};

}  // namespace kurir::imap::grammar
