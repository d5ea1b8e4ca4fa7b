// Tests for src/mime/base_subject.cpp: RFC 5256 2.1.
#include "mime/base_subject.hpp"

#include <gtest/gtest.h>

namespace kurir::mime {
namespace {

TEST(BaseSubject, Rfc5256Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"hello", "hello"},
      {"Re: hello", "hello"},
      {"RE: Re: re:hello", "hello"},
      {"Fwd: hello", "hello"},
      {"FW: hello", "hello"},
      {"Re[2]: hello", "hello"},
      {"[list] Re: hello", "hello"},
      {"Re: [list] hello", "hello"},
      {"hello (fwd)", "hello"},
      {"hello (fwd) (FWD)  ", "hello"},
      {"[Fwd: hello]", "hello"},
      {"[Fwd: Re: [x] hello (fwd)]", "hello"},
      {"  lots   of\tspace  ", "lots of space"},
      {"[only a blob]", "[only a blob]"},  // step 4: keep a blob that is all there is
      {"Re:", ""},
      {"", ""},
      {"Reply to this", "Reply to this"},
      {"Re: Gr\xC3\xBC\xC3\x9F" "e", "Gr\xC3\xBC\xC3\x9F" "e"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(base_subject(in), want) << in;
}

}  // namespace
}  // namespace kurir::mime
