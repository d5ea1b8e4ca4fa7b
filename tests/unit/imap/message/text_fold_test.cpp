#include "imap/message/text_fold.hpp"

#include <gtest/gtest.h>

namespace kurir::imap::message {
namespace {

TEST(TextFold, FoldsLatinGreekAndCyrillic) {
  EXPECT_EQ(fold_case("HELLO World"), "hello world");
  EXPECT_EQ(fold_case("ÉCOLE ÀÇÑÕÜ ÞØ"), "école àçñõü þø");
  EXPECT_EQ(fold_case("×÷ß"), "×÷ß");  // not letters with a simple fold here
  EXPECT_EQ(fold_case("ĀĂĄĆŁŃŒŠŸŽ"), "āăąćłńœšÿž");
  EXPECT_EQ(fold_case("ΣΟΦΊΑ ΚΌΣΜΟΣ"), "σοφία κόσμοσ");
  EXPECT_EQ(fold_case("ПРИВЕТ ЁЖ Ѣ"), "привет ёж ѣ");
}

TEST(TextFold, KeepsInvalidUtf8Bytes) {
  EXPECT_EQ(fold_case("A\xFF"
                      "B\xC3"),
            "a\xFF"
            "b\xC3");
  EXPECT_EQ(fold_case("\xC0\x80"), "\xC0\x80");  // overlong: not folded, kept
}

TEST(TextFold, ContainsIgnoringCase) {
  EXPECT_TRUE(contains_folded("Grüße aus MÜNCHEN", "münchen"));
  EXPECT_TRUE(contains_folded("anything", ""));
  EXPECT_FALSE(contains_folded("", "a"));
  EXPECT_FALSE(contains_folded("Café", "cafe"));  // no accent stripping
  EXPECT_TRUE(contains_folded("ΣΟΦΊΑ", "σοφ"));
}

}  // namespace
}  // namespace kurir::imap::message
