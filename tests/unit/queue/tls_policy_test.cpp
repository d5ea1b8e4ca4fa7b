#include "queue/tls_policy.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kurir::queue {
namespace {

TEST(TlsPolicyTest, ListedDomainsAndTheirSubdomainsOnly) {
  const std::vector<std::string> required{"bank.example", "mail.gov.example"};
  struct Case {
    const char* domain;
    bool required;
  };
  const Case cases[] = {
      {"bank.example", true},
      {"eu.bank.example", true},
      {"a.b.bank.example", true},
      {"BANK.Example", true},       // domains compare without case
      {"bank.example.", true},      // with the root's dot
      {"notbank.example", false},   // whole labels only
      {"bank.example.org", false},
      {"example", false},
      {"gov.example", false},       // a parent of a listed domain is not listed
      {"mail.gov.example", true},
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(tls_required_for(c.domain, required), c.required) << c.domain;
}

TEST(TlsPolicyTest, EmptyListRequiresNothing) {
  EXPECT_FALSE(tls_required_for("bank.example", {}));
}

}  // namespace
}  // namespace kurir::queue
