#include "imap/message/sort.hpp"

#include <algorithm>
#include <numeric>

#include "imap/message/envelope_fields.hpp"
#include "imap/message/text_fold.hpp"
#include "mime/decode.hpp"
#include "mime/imap_string.hpp"

namespace kurir::imap::message {
namespace {

using Kind = SortKey::Kind;

bool needs_parse(Kind k) {
  return k != Kind::arrival && k != Kind::size;
}

// One criterion's key for one message: numbers for dates and sizes, folded
// strings for the rest.
struct Key {
  std::int64_t number = 0;
  std::string text;
};

// RFC 5256 3 CC/FROM/TO: "addr-mailbox of the first ... address"; an
// absent address sorts as the empty string.
std::string first_mailbox(const mime::ParsedMessage& m, EnvelopeField field) {
  const std::vector<EnvelopeAddress> list = envelope_addresses(m.envelope, field);
  return list.empty() ? std::string() : fold_case(list.front().mailbox);
}

// RFC 5957 3 DISPLAYFROM/DISPLAYTO: the decoded display name of the first
// address; when it has none, its addr-spec (mailbox@host).
std::string first_display(const mime::ParsedMessage& m, EnvelopeField field) {
  const std::vector<EnvelopeAddress> list = envelope_addresses(m.envelope, field);
  if (list.empty()) return {};
  std::string name = mime::decode_phrase(list.front().name);
  if (name.empty()) name = list.front().mailbox + "@" + list.front().host;
  return fold_case(name);
}

Key key_of(Kind kind, const store::MessageMeta& meta, const mime::ParsedMessage* m) {
  switch (kind) {
    case Kind::arrival:
      return Key{meta.internal_date, {}};  // RFC 5256 3 ARRIVAL: the internal date
    case Kind::size:
      return Key{static_cast<std::int64_t>(meta.size), {}};
    case Kind::date:
      return Key{sent_date(*m, meta), {}};
    case Kind::cc:
      return Key{0, first_mailbox(*m, EnvelopeField::cc)};
    case Kind::from:
      return Key{0, first_mailbox(*m, EnvelopeField::from)};
    case Kind::to:
      return Key{0, first_mailbox(*m, EnvelopeField::to)};
    case Kind::subject:
      return Key{0, fold_case(m->base_subject)};  // RFC 5256 3 SUBJECT: the base subject (2.1)
    case Kind::display_from:
      return Key{0, first_display(*m, EnvelopeField::from)};
    case Kind::display_to:
      return Key{0, first_display(*m, EnvelopeField::to)};
  }
  return {};
}

}  // namespace

std::int64_t sent_date(const mime::ParsedMessage& parsed, const store::MessageMeta& meta) {
  // RFC 5256 2.2: "If the sent date cannot be determined (a Date: header is
  // missing or cannot be parsed), the INTERNALDATE for that message is used".
  return parsed.date != 0 ? parsed.date : meta.internal_date;
}

Result<std::vector<std::uint32_t>> sort_messages(std::span<const std::uint32_t> indexes,
                                                 std::span<const SortKey> criteria,
                                                 std::span<const store::MessageMeta> messages,
                                                 MessageSource& source) {
  const bool parse =
      std::any_of(criteria.begin(), criteria.end(), [](const SortKey& k) { return needs_parse(k.kind); });
  // keys[i * criteria.size() + c]: criterion c of indexes[i], computed once.
  std::vector<Key> keys(indexes.size() * criteria.size());
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    const mime::ParsedMessage* m = nullptr;
    if (parse) {
      Result<const mime::ParsedMessage*> p = source.structure(indexes[i]);
      if (!p) return p.error();
      m = *p;
    }
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      keys[i * criteria.size() + c] = key_of(criteria[c].kind, messages[indexes[i]], m);
    }
  }
  std::vector<std::size_t> order(indexes.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const Key& ka = keys[a * criteria.size() + c];
      const Key& kb = keys[b * criteria.size() + c];
      int cmp = ka.number < kb.number ? -1 : ka.number > kb.number ? 1 : 0;
      if (cmp == 0) cmp = ka.text.compare(kb.text);
      if (cmp == 0) continue;
      // RFC 5256 3 REVERSE: "the criterion ... in reverse (descending) order".
      return criteria[c].reverse ? cmp > 0 : cmp < 0;
    }
    // RFC 5256 3: messages that sort equal stay in sequence-number order.
    return indexes[a] < indexes[b];
  });
  std::vector<std::uint32_t> out;
  out.reserve(order.size());
  for (const std::size_t i : order) out.push_back(indexes[i]);
  return out;
}

std::string format_sort_response(std::span<const std::uint32_t> numbers) {
  // RFC 5256 4: sort-data = "SORT" *(SP nz-number)
  std::string out = "* SORT";
  for (const std::uint32_t n : numbers) {
    out.push_back(' ');
    mime::append_number(out, n);
  }
  out.append("\r\n");
  return out;
}

}  // namespace kurir::imap::message
