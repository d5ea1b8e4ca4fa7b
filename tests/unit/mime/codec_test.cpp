// Tests for src/mime/codec.cpp: encode/decode round trip and damaged records.
#include <gtest/gtest.h>

#include "messages.hpp"
#include "mime/message.hpp"
#include "support.hpp"

namespace kurir::mime {
namespace {

using test::crlf;

TEST(Codec, RoundTripsEveryField) {
  for (const char* text : {test::kSimple, test::kAlternative, test::kMixed, test::kDigest, ""}) {
    ParsedMessage m = parse_message(crlf(text));
    auto back = decode(encode(m));
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(*back == m);
  }
}

TEST(Codec, RoundTripsValuesParseNeverMakes) {
  ParsedMessage m;
  m.parts.resize(2);
  m.parts[0].children = {1};
  m.parts[0].body_end = 1ull << 40;
  m.parts[1].parent = 0;
  m.parts[1].language = {"en", std::string("a\0b", 3)};
  m.parts[1].params = {{"name", "v"}};
  m.date = -2208988800;  // before the epoch
  m.references = {"a", "b"};
  m.has_attachment = true;
  m.truncated = true;
  auto back = decode(encode(m));
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == m);
}

TEST(Codec, DamagedRecordsAreCorruptNotCrashes) {
  const std::string good = encode(parse_message(crlf(test::kMixed)));
  // Every truncation fails cleanly.
  for (std::size_t n = 0; n < good.size(); ++n) {
    auto r = decode(std::string_view(good).substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code, Errc::corrupt);
  }
  // Trailing bytes, a wrong magic, and flipped bytes never crash.
  EXPECT_FALSE(decode(good + "x").ok());
  EXPECT_FALSE(decode("KMP0" + good.substr(4)).ok());
  for (std::size_t i = 4; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0xFF);
    (void)decode(bad);
  }
  // A huge count with few bytes behind it is rejected before allocating.
  EXPECT_FALSE(decode(std::string("KMP1") + "\xFF\xFF\xFF\xFF\x0F").ok());
}

}  // namespace
}  // namespace kurir::mime
