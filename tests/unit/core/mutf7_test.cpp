#include "core/mutf7.hpp"

#include <gtest/gtest.h>

namespace kurir {
namespace {

TEST(ModifiedUtf7, DecodesRfc3501Examples) {
  // RFC 3501 5.1.3's example, and common folder names.
  EXPECT_EQ(*decode_mutf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-"), "~peter/mail/台北/日本語");
  EXPECT_EQ(*decode_mutf7("Entw&APw-rfe"), "Entwürfe");
  EXPECT_EQ(*decode_mutf7("Gel&APY-schte Elemente"), "Gelöschte Elemente");
  EXPECT_EQ(*decode_mutf7("Tom &- Jerry"), "Tom & Jerry");
  EXPECT_EQ(*decode_mutf7("&2D3eAA-"), "\xF0\x9F\x98\x80");  // U+1F600, a surrogate pair
  EXPECT_EQ(*decode_mutf7("plain"), "plain");
  EXPECT_EQ(*decode_mutf7("d\xC3\xA9j\xC3\xA0"), "d\xC3\xA9j\xC3\xA0");  // already UTF-8
}

TEST(ModifiedUtf7, RejectsMalformed) {
  for (std::string_view bad : {"&", "&AOQ", "&A-", "&AOQ/-", "&AGE-", "&2D0-", "&3gA-", "&AOR-"})
    EXPECT_FALSE(decode_mutf7(bad).ok()) << bad;
}

TEST(ModifiedUtf7, EncodeRoundTrips) {
  for (std::string_view name : {"Entwürfe", "台北", "Tom & Jerry", "\xF0\x9F\x98\x80 smile", "", "a&b&c"}) {
    auto back = decode_mutf7(encode_mutf7(name));
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(*back, name);
  }
  EXPECT_EQ(encode_mutf7("Entwürfe"), "Entw&APw-rfe");
  EXPECT_EQ(encode_mutf7("台北"), "&U,BTFw-");
}

}  // namespace
}  // namespace kurir
