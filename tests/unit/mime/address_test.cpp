// Tests for src/mime/address.cpp: RFC 5322 3.4 address lists as IMAP wants
// them (RFC 3501 7.4.2), including groups and obsolete forms.
#include "mime/address.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

using K = Address::Kind;

std::string show(const std::vector<Address>& list) {
  std::string out;
  for (const Address& a : list) {
    if (a.kind == K::group_start) out += "[" + a.name + ":";
    else if (a.kind == K::group_end) out += ";]";
    else out += "(" + a.name + "|" + a.adl + "|" + a.mailbox + "|" + a.host + ")";
  }
  return out;
}

TEST(AddressList, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"a@b.c", "(||a|b.c)"},
      {"Jane <jane@x.org>", "(Jane||jane|x.org)"},
      {"\"Doe, Jane\" <jane@x.org>, bob@y", "(Doe, Jane||jane|x.org)(||bob|y)"},
      {"\"q\\\"uote\" <q@x>", "(q\"uote||q|x)"},
      {"=?UTF-8?B?SMOpbGxv?= <h@x>", "(=?UTF-8?B?SMOpbGxv?=||h|x)"},  // raw: not decoded
      {"john.doe@example.com (John Doe)", "(John Doe||john.doe|example.com)"},
      {"Team: a@x, B <b@y>;, c@z", "[Team:(||a|x)(B||b|y);](||c|z)"},
      {"undisclosed-recipients:;", "[undisclosed-recipients:;]"},
      {"Open: a@x", "[Open:(||a|x);]"},  // unterminated group is closed
      {"<@r1,@r2:a@x>", "(|@r1,@r2|a|x)"},  // RFC 5322 4.4 obs-route
      {"First Last <a @ x . org>", "(First Last||a|x.org)"},
      {"a@[127.0.0.1]", "(||a|[127.0.0.1])"},
      {"local-only", "(||local-only|)"},
      {"<a@x", "(||a|x)"},
      {"", ""},
      {" , ,, ", ""},
      {"caf\xC3\xA9 <c@x>", "(caf\xC3\xA9||c|x)"},
  };
  for (const auto& [in, want] : cases) {
    SCOPED_TRACE(in);
    EXPECT_EQ(show(parse_address_list(in)), want);
  }
}

TEST(AddressList, FormatDecodesNames) {
  EXPECT_EQ(format_addresses(parse_address_list("=?UTF-8?B?SMOpbGxv?= <h@x>, b@y, G: c@z;")),
            "H\xC3\xA9llo <h@x>, b@y, c@z");
}

TEST(AddressList, EveryPrefix) {
  const std::string v = "\"A (x)\" <@r:a@x>, G: b@y (c(n)), <c@z>;, d";
  for (std::size_t n = 0; n <= v.size(); ++n) (void)parse_address_list(v.substr(0, n));
}

TEST(AddressList, ManyAddressesAreCapped) {
  std::string v;
  for (int i = 0; i < 5000; ++i) v += "a@b, ";
  EXPECT_EQ(parse_address_list(v).size(), 1000u);
}

}  // namespace
}  // namespace kurir::mime
