// Helpers shared by the MIME tests: CRLF conversion, file reading, and a
// parse that checks every invariant (validate.hpp) and the codec round trip.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "mime/message.hpp"
#include "mime/validate.hpp"

namespace kurir::mime::test {

// Test messages are written with "\n"; real mail has CRLF.
inline std::string crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (char c : s) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Parses, and fails the test when an invariant or the round trip breaks.
inline ParsedMessage parse_checked(std::string_view bytes) {
  ParsedMessage m = parse_message(bytes);
  EXPECT_EQ(find_violation(m, bytes.size()), "") << "input:\n" << bytes.substr(0, 2000);
  auto back = decode(encode(m));
  EXPECT_TRUE(back.ok());
  if (back.ok()) {
    EXPECT_TRUE(*back == m) << "encode/decode round trip differs";
  }
  return m;
}

// The bytes of part `i`'s body.
inline std::string_view body_of(std::string_view bytes, const ParsedMessage& m, std::size_t i) {
  const Part& p = m.parts.at(i);
  return bytes.substr(p.body_begin, p.body_end - p.body_begin);
}

// The bytes of part `i`'s header (blank line included).
inline std::string_view header_of(std::string_view bytes, const ParsedMessage& m, std::size_t i) {
  const Part& p = m.parts.at(i);
  return bytes.substr(p.header_begin, p.body_begin - p.header_begin);
}

}  // namespace kurir::mime::test
