// Address lists (RFC 5322 3.4) split the way IMAP's ENVELOPE wants them
// (RFC 3501 7.4.2 "address"): name, source route, mailbox, host, with group
// start and end markers. Values stay raw (encoded words are not decoded).
//
// SECURITY: reads untrusted header values; linear; lenient (never fails: what
// cannot be parsed is kept as best it can be, so nothing is silently lost).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kurir::mime {

struct Address {
  enum class Kind { mailbox, group_start, group_end };
  Kind kind = Kind::mailbox;
  std::string name;     // display name (quotes removed) or group name; raw
  std::string adl;      // obsolete source route "@a,@b", usually empty
  std::string mailbox;  // local part
  std::string host;     // domain
};

// Parses an unfolded address-list header value.
std::vector<Address> parse_address_list(std::string_view value);

// The list as readable UTF-8: "Name <local@host>, local@host, ..." with
// display names RFC 2047-decoded; group markers dropped.
std::string format_addresses(const std::vector<Address>& list);

}  // namespace kurir::mime
