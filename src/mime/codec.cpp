// encode()/decode() of ParsedMessage for the store: a versioned,
// length-prefixed binary form. Integers are LEB128 varints; strings are a
// varint length and the bytes; vectors a varint count and the elements.
//
// SECURITY: decode() reads bytes from disk that may be damaged; every length
// is checked against what remains, every part index against the part count,
// and any failure is Errc::corrupt.
#include <cstring>

#include "mime/message.hpp"

namespace kurir::mime {
namespace {

constexpr std::string_view kMagic = "KMP1";  // Kurir MIME parse, format 1

class Writer {
 public:
  void u(std::uint64_t v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  void s(std::string_view v) {
    u(v.size());
    out.append(v);
  }
  void params(const std::vector<Param>& ps) {
    u(ps.size());
    for (const Param& p : ps) {
      s(p.name);
      s(p.value);
    }
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

  std::uint64_t u() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail();
      auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  std::string s() {
    std::uint64_t n = u();
    if (!ok_ || n > in_.size() - pos_) {
      fail();
      return {};
    }
    std::string v(in_.substr(pos_, n));
    pos_ += n;
    return v;
  }
  // A count of elements each at least `min_bytes` long: bounded by what is left.
  std::uint64_t count(std::size_t min_bytes) {
    std::uint64_t n = u();
    if (!ok_ || n > (in_.size() - pos_) / min_bytes) return fail();
    return n;
  }
  std::vector<Param> params() {
    std::vector<Param> ps(count(2));
    for (Param& p : ps) {
      p.name = s();
      p.value = s();
    }
    return ps;
  }
  std::uint64_t fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string encode(const ParsedMessage& m) {
  Writer w;
  w.out.reserve(256 + m.envelope.size() + m.bodystructure.size() * 2 + m.search_text.size() + m.parts.size() * 64);
  w.out.append(kMagic);
  w.u(m.parts.size());
  for (const Part& p : m.parts) {
    w.u(p.header_begin);
    w.u(p.body_begin);
    w.u(p.body_end);
    w.u(p.body_lines);
    w.u(p.parent);
    w.u(p.children.size());
    for (std::uint32_t c : p.children) w.u(c);
    w.s(p.type);
    w.s(p.subtype);
    w.params(p.params);
    w.s(p.id);
    w.s(p.description);
    w.s(p.encoding);
    w.s(p.md5);
    w.s(p.disposition);
    w.params(p.disposition_params);
    w.u(p.language.size());
    for (const std::string& l : p.language) w.s(l);
    w.s(p.location);
    w.u(p.decoded_size);
  }
  w.s(m.envelope);
  w.s(m.body);
  w.s(m.bodystructure);
  w.s(m.subject);
  w.s(m.base_subject);
  w.s(m.from);
  w.s(m.to);
  w.s(m.cc);
  w.u(static_cast<std::uint64_t>(m.date));
  w.s(m.message_id);
  w.s(m.in_reply_to);
  w.u(m.references.size());
  for (const std::string& r : m.references) w.s(r);
  w.s(m.search_text);
  w.u((m.has_attachment ? 1u : 0u) | (m.truncated ? 2u : 0u));
  return std::move(w.out);
}

Result<ParsedMessage> decode(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic)
    return make_error(Errc::corrupt, "mime: parsed-message record has no KMP1 header");
  Reader r(bytes.substr(kMagic.size()));
  ParsedMessage m;
  m.parts.resize(r.count(18));  // a part takes at least 18 bytes
  for (Part& p : m.parts) {
    p.header_begin = r.u();
    p.body_begin = r.u();
    p.body_end = r.u();
    p.body_lines = r.u();
    std::uint64_t parent = r.u();
    if (parent != Part::kNoParent && parent >= m.parts.size()) r.fail();
    p.parent = static_cast<std::uint32_t>(parent);
    p.children.resize(r.count(1));
    for (std::uint32_t& c : p.children) {
      std::uint64_t v = r.u();
      if (v >= m.parts.size()) r.fail();
      c = static_cast<std::uint32_t>(v);
    }
    p.type = r.s();
    p.subtype = r.s();
    p.params = r.params();
    p.id = r.s();
    p.description = r.s();
    p.encoding = r.s();
    p.md5 = r.s();
    p.disposition = r.s();
    p.disposition_params = r.params();
    p.language.resize(r.count(1));
    for (std::string& l : p.language) l = r.s();
    p.location = r.s();
    p.decoded_size = r.u();
    if (!r.ok()) break;
    if (p.header_begin > p.body_begin || p.body_begin > p.body_end) r.fail();
  }
  m.envelope = r.s();
  m.body = r.s();
  m.bodystructure = r.s();
  m.subject = r.s();
  m.base_subject = r.s();
  m.from = r.s();
  m.to = r.s();
  m.cc = r.s();
  m.date = static_cast<std::int64_t>(r.u());
  m.message_id = r.s();
  m.in_reply_to = r.s();
  m.references.resize(r.count(1));
  for (std::string& ref : m.references) ref = r.s();
  m.search_text = r.s();
  std::uint64_t flags = r.u();
  m.has_attachment = flags & 1u;
  m.truncated = flags & 2u;
  if (!r.ok() || !r.at_end() || flags > 3)
    return make_error(Errc::corrupt, "mime: parsed-message record is damaged or truncated");
  return m;
}

}  // namespace kurir::mime
