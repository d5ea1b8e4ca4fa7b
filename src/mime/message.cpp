// parse_message(): the one pass at delivery that fills ParsedMessage; see
// message.hpp. Structure, ENVELOPE, BODYSTRUCTURE, decoded headers, thread
// keys and search text each come from their own module.
#include "mime/message.hpp"

#include "core/limits.hpp"
#include "mime/address.hpp"
#include "mime/base_subject.hpp"
#include "mime/bodystructure.hpp"
#include "mime/content_type.hpp"
#include "mime/decode.hpp"
#include "mime/header.hpp"
#include "mime/structure.hpp"
#include "mime/text.hpp"
#include "mime/thread_keys.hpp"

namespace kurir::mime {
namespace {

std::string first_value(const std::vector<HeaderField>& fields, std::string_view name) {
  const HeaderField* f = find_field(fields, name);
  return f ? unfold(f->value) : std::string();
}

bool has_filename(const Part& p) {
  return find_param(p.disposition_params, "filename") || find_param(p.params, "name");
}

bool is_attachment(const Part& p) {
  if (p.disposition == "attachment") return true;
  return p.children.empty() && p.type != "text" && p.type != "multipart" && has_filename(p);
}

}  // namespace

ParsedMessage parse_message(std::string_view bytes) {
  ensure_gmime();
  Structure s = parse_structure(bytes);
  ParsedMessage m;
  m.truncated = s.truncated;
  m.envelope = std::move(s.envelopes[0]);
  m.parts = std::move(s.parts);
  m.body = build_body(m.parts, s.envelopes, 0, false);
  m.bodystructure = build_body(m.parts, s.envelopes, 0, true);

  const std::vector<HeaderField>& h = s.root_fields;
  m.subject = decode_header_text(first_value(h, "Subject"));
  m.base_subject = base_subject(m.subject);
  m.from = format_addresses(parse_address_list(first_value(h, "From")));
  m.to = format_addresses(parse_address_list(first_value(h, "To")));
  m.cc = format_addresses(parse_address_list(first_value(h, "Cc")));
  if (const HeaderField* f = find_field(h, "Date")) m.date = parse_date(unfold(f->value));

  std::vector<std::string> ids = message_ids(first_value(h, "Message-ID"), 1);
  if (!ids.empty()) m.message_id = std::move(ids[0]);
  ids = message_ids(first_value(h, "In-Reply-To"), 1);
  if (!ids.empty()) m.in_reply_to = std::move(ids[0]);
  m.references = message_ids(first_value(h, "References"), limits::kMaxReferences);

  m.search_text = build_search_text(bytes, m.parts);
  for (const Part& p : m.parts)
    if (is_attachment(p)) {
      m.has_attachment = true;
      break;
    }
  return m;
}

}  // namespace kurir::mime
