#include "pop3/parser.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>
#include <vector>

#include "core/limits.hpp"

namespace kurir::pop3 {

namespace {

struct Keyword {
  std::string_view name;
  Verb verb;
};

constexpr std::array<Keyword, 16> kKeywords{{
    {"USER", Verb::user}, {"PASS", Verb::pass}, {"APOP", Verb::apop}, {"AUTH", Verb::auth},
    {"STLS", Verb::stls}, {"CAPA", Verb::capa}, {"UTF8", Verb::utf8}, {"STAT", Verb::stat},
    {"LIST", Verb::list}, {"RETR", Verb::retr}, {"DELE", Verb::dele}, {"NOOP", Verb::noop},
    {"RSET", Verb::rset}, {"TOP", Verb::top},   {"UIDL", Verb::uidl}, {"QUIT", Verb::quit},
}};

Error bad(std::string message) { return make_error(Errc::invalid_argument, std::move(message)); }

std::optional<Verb> find_verb(std::string_view word) {
  if (word.size() < 3 || word.size() > 4) return std::nullopt;
  for (const auto& k : kKeywords) {
    if (k.name.size() != word.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i)
      same = std::toupper(static_cast<unsigned char>(word[i])) == k.name[i];
    if (same) return k.verb;
  }
  return std::nullopt;
}

// Arguments separated by spaces. Runs of spaces and trailing spaces are
// tolerated (RFC 1939 3 asks for single spaces; being liberal costs nothing).
std::vector<std::string_view> split_words(std::string_view rest) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < rest.size() && words.size() < 4) {  // no command takes more than 2
    while (i < rest.size() && rest[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < rest.size() && rest[i] != ' ') ++i;
    if (i > start) words.push_back(rest.substr(start, i - start));
  }
  return words;
}

// RFC 1939 3: numeric arguments are decimal; no sign, at most 32 bits.
Result<std::uint32_t> parse_number(std::string_view word, std::string_view what) {
  std::uint32_t value = 0;
  if (word.empty() || word.size() > 10 || !std::isdigit(static_cast<unsigned char>(word[0])))
    return bad(std::string(what) + " must be a number");
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size()) return bad(std::string(what) + " must be a number");
  return value;
}

Result<std::uint32_t> parse_message_number(std::string_view word) {
  auto n = parse_number(word, "the message number");
  if (n.ok() && *n == 0) return bad("message numbers start at 1");
  return n;
}

// RFC 4422 3.1: mechanism names are 1-20 of A-Z 0-9 - _.
bool is_mechanism(std::string_view word) {
  if (word.empty() || word.size() > 20) return false;
  for (const char c : word)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::string upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status check_count(const std::vector<std::string_view>& words, std::size_t min, std::size_t max, Verb verb) {
  if (words.size() < min) return bad(std::string(verb_name(verb)) + " needs an argument");
  if (words.size() > max) return bad(std::string("too many arguments to ") + verb_name(verb));
  return {};
}

}  // namespace

const char* verb_name(Verb verb) {
  for (const auto& k : kKeywords)
    if (k.verb == verb) return k.name.data();
  return "?";
}

Result<Command> parse_command(std::string_view line) {
  if (line.size() > limits::kMaxPop3CredentialLineBytes) return make_error(Errc::limit_exceeded, "line too long");
  const std::size_t space = line.find(' ');
  const std::string_view keyword = line.substr(0, space);
  const std::string_view rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  if (keyword.empty()) return bad("empty command");
  const auto verb = find_verb(keyword);
  if (!verb) return bad("unknown command");

  Command command;
  command.verb = *verb;
  // RFC 2449 4: 255 octets per command line; PASS and AUTH carry credentials
  // (long passwords, base64) and get the larger bound.
  if (*verb != Verb::pass && *verb != Verb::auth && line.size() > limits::kMaxPop3CommandBytes)
    return make_error(Errc::limit_exceeded, "line too long");

  switch (*verb) {
    case Verb::user:
    case Verb::pass:
      // RFC 1939 7: "a POP3 server may treat spaces in the argument as part
      // of the password": the argument is the rest of the line, as sent.
      if (rest.empty()) return bad(std::string(verb_name(*verb)) + " needs an argument");
      command.text = rest;
      return command;
    case Verb::apop: return command;  // not offered; the session says so
    case Verb::auth: {
      const auto words = split_words(rest);
      KURIR_TRY(check_count(words, 0, 2, *verb));
      if (!words.empty()) {
        if (!is_mechanism(words[0])) return bad("malformed SASL mechanism name");
        command.text = upper(words[0]);
      }
      if (words.size() == 2) command.initial_response = std::string(words[1]);
      return command;
    }
    case Verb::list:
    case Verb::uidl: {
      const auto words = split_words(rest);
      KURIR_TRY(check_count(words, 0, 1, *verb));
      if (words.size() == 1) {
        auto n = parse_message_number(words[0]);
        if (!n.ok()) return n.error();
        command.message = *n;
      }
      return command;
    }
    case Verb::retr:
    case Verb::dele: {
      const auto words = split_words(rest);
      KURIR_TRY(check_count(words, 1, 1, *verb));
      auto n = parse_message_number(words[0]);
      if (!n.ok()) return n.error();
      command.message = *n;
      return command;
    }
    case Verb::top: {
      const auto words = split_words(rest);
      KURIR_TRY(check_count(words, 2, 2, *verb));
      auto n = parse_message_number(words[0]);
      if (!n.ok()) return n.error();
      auto lines = parse_number(words[1], "the line count");
      if (!lines.ok()) return lines.error();
      command.message = *n;
      command.lines = *lines;
      return command;
    }
    case Verb::stls:
    case Verb::capa:
    case Verb::utf8:
    case Verb::stat:
    case Verb::noop:
    case Verb::rset:
    case Verb::quit: {
      const auto words = split_words(rest);
      KURIR_TRY(check_count(words, 0, 0, *verb));
      return command;
    }
  }
  return bad("unknown command");
}

}  // namespace kurir::pop3
