// Helpers for the IMAP parser tests: parse and expect success or failure,
// and check every prefix of a valid command fails cleanly.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "imap/parser/parser.hpp"

namespace kurir::imap::test {

// The body of a command that must parse; a failed expectation otherwise.
template <class T>
T parse_ok(std::string_view wire, const ParseOptions& options = {}) {
  auto parsed = parse_command(wire, options);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    ADD_FAILURE() << "\"" << wire << "\" failed: " << error->text;
    return T{};
  }
  auto& command = std::get<Command>(parsed);
  if (!std::holds_alternative<T>(command.body)) {
    ADD_FAILURE() << "\"" << wire << "\" parsed as another command (index " << command.body.index() << ")";
    return T{};
  }
  return std::get<T>(command.body);
}

// The error of a command that must fail.
inline ParseError parse_bad(std::string_view wire, const ParseOptions& options = {}) {
  auto parsed = parse_command(wire, options);
  if (auto* error = std::get_if<ParseError>(&parsed)) return *error;
  ADD_FAILURE() << "\"" << wire << "\" parsed but should fail";
  return ParseError{};
}

// Every proper prefix of `wire` either parses or fails with a text that is
// non-empty, one line, printable, and carries the tag once the tag is whole.
inline void expect_prefixes_fail_cleanly(std::string_view wire, const ParseOptions& options = {}) {
  const auto space = wire.find(' ');
  for (std::size_t n = 0; n < wire.size(); ++n) {
    const auto prefix = wire.substr(0, n);
    auto parsed = parse_command(prefix, options);
    auto* error = std::get_if<ParseError>(&parsed);
    if (error == nullptr) continue;
    EXPECT_FALSE(error->text.empty()) << "prefix " << n << " of \"" << wire << "\"";
    for (char c : error->text) {
      const auto u = static_cast<unsigned char>(c);
      EXPECT_TRUE(u >= 0x20 && u < 0x7F) << "unprintable byte in \"" << error->text << "\"";
    }
    if (space != std::string_view::npos && n > space) {
      EXPECT_EQ(error->tag, wire.substr(0, space)) << prefix;
    }
  }
}

}  // namespace kurir::imap::test
