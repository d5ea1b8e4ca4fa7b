// IMAP ENVELOPE construction; see envelope.hpp.
#include "mime/envelope.hpp"

#include "mime/address.hpp"
#include "mime/imap_string.hpp"

namespace kurir::mime {
namespace {

std::string field_value(const std::vector<HeaderField>& fields, std::string_view name) {
  const HeaderField* f = find_field(fields, name);
  return f ? unfold(f->value) : std::string();
}

// RFC 3501 7.4.2: env-from = "(" 1*address ")" / nil, with
// address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")".
// Group start: (NIL NIL "group" NIL); group end: (NIL NIL NIL NIL).
void append_addresses(std::string& out, const std::vector<Address>& list) {
  if (list.empty()) {
    append_nil(out);
    return;
  }
  out.push_back('(');
  for (const Address& a : list) {
    out.push_back('(');
    switch (a.kind) {
      case Address::Kind::group_start:
        out += "NIL NIL ";
        append_string(out, a.name);
        out += " NIL";
        break;
      case Address::Kind::group_end:
        out += "NIL NIL NIL NIL";
        break;
      case Address::Kind::mailbox:
        append_nstring(out, a.name);
        out.push_back(' ');
        append_nstring(out, a.adl);
        out.push_back(' ');
        // A host of NIL would read as a group marker: keep mailboxes whole
        // even when the header lacked a part.
        append_string(out, a.mailbox);
        out.push_back(' ');
        append_string(out, a.host);
        break;
    }
    out.push_back(')');
  }
  out.push_back(')');
}

}  // namespace

std::string build_envelope(const std::vector<HeaderField>& fields) {
  std::string out;
  out.reserve(256);
  out.push_back('(');
  append_nstring(out, field_value(fields, "Date"));
  out.push_back(' ');
  append_nstring(out, field_value(fields, "Subject"));
  std::vector<Address> from = parse_address_list(field_value(fields, "From"));
  out.push_back(' ');
  append_addresses(out, from);
  // RFC 3501 7.4.2: absent or empty Sender and Reply-To take the From value.
  for (std::string_view name : {"Sender", "Reply-To"}) {
    std::vector<Address> list = parse_address_list(field_value(fields, name));
    out.push_back(' ');
    append_addresses(out, list.empty() ? from : list);
  }
  for (std::string_view name : {"To", "Cc", "Bcc"}) {
    out.push_back(' ');
    append_addresses(out, parse_address_list(field_value(fields, name)));
  }
  out.push_back(' ');
  append_nstring(out, field_value(fields, "In-Reply-To"));
  out.push_back(' ');
  append_nstring(out, field_value(fields, "Message-ID"));
  out.push_back(')');
  return out;
}

}  // namespace kurir::mime
