// BODY / BODYSTRUCTURE output; see bodystructure.hpp.
#include "mime/bodystructure.hpp"

#include "mime/content_type.hpp"
#include "mime/header.hpp"
#include "mime/imap_string.hpp"

namespace kurir::mime {
namespace {

// RFC 3501 7.4.2: body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
// A text part without a charset gets the RFC 2045 5.2 default, as Dovecot does.
void append_params(std::string& out, const std::vector<Param>& params, bool default_charset) {
  bool add_charset = default_charset && !find_param(params, "charset");
  if (params.empty() && !add_charset) {
    append_nil(out);
    return;
  }
  out.push_back('(');
  bool first = true;
  if (add_charset) {
    out += "\"CHARSET\" \"US-ASCII\"";
    first = false;
  }
  for (const Param& p : params) {
    if (!first) out.push_back(' ');
    first = false;
    append_string(out, ascii_upper(p.name));
    out.push_back(' ');
    append_string(out, p.value);
  }
  out.push_back(')');
}

// body-fld-dsp = "(" string SP body-fld-param ")" / nil
void append_disposition(std::string& out, const Part& p) {
  if (p.disposition.empty()) {
    append_nil(out);
    return;
  }
  out.push_back('(');
  append_string(out, ascii_upper(p.disposition));
  out.push_back(' ');
  append_params(out, p.disposition_params, false);
  out.push_back(')');
}

// body-fld-lang = nstring / "(" string *(SP string) ")"
void append_language(std::string& out, const Part& p) {
  if (p.language.empty()) {
    append_nil(out);
    return;
  }
  out.push_back('(');
  for (std::size_t i = 0; i < p.language.size(); ++i) {
    if (i) out.push_back(' ');
    append_string(out, p.language[i]);
  }
  out.push_back(')');
}

// dsp SP lang SP loc: the tail shared by body-ext-1part and body-ext-mpart.
void append_ext_tail(std::string& out, const Part& p) {
  out.push_back(' ');
  append_disposition(out, p);
  out.push_back(' ');
  append_language(out, p);
  out.push_back(' ');
  append_nstring(out, p.location);
}

class Writer {
 public:
  Writer(const std::vector<Part>& parts, const std::vector<std::string>& envelopes, bool extended)
      : parts_(parts), envelopes_(envelopes), extended_(extended) {}

  void body(std::string& out, std::uint32_t index) {
    const Part& p = parts_[index];
    out.push_back('(');
    if (p.type == "multipart") {
      // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
      for (std::uint32_t c : p.children) body(out, c);
      out.push_back(' ');
      append_string(out, ascii_upper(p.subtype));
      if (extended_) {
        out.push_back(' ');
        append_params(out, p.params, false);
        append_ext_tail(out, p);
      }
    } else {
      // body-type-1part: media type, then body-fields =
      // body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
      const bool text = p.type == "text";
      append_string(out, ascii_upper(p.type));
      out.push_back(' ');
      append_string(out, ascii_upper(p.subtype));
      out.push_back(' ');
      append_params(out, p.params, text);
      out.push_back(' ');
      append_nstring(out, p.id);
      out.push_back(' ');
      append_nstring(out, p.description);
      out.push_back(' ');
      append_string(out, p.encoding);
      out.push_back(' ');
      append_number(out, p.body_end - p.body_begin);
      if (p.type == "message" && p.subtype == "rfc822" && p.children.size() == 1) {
        // body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines
        out.push_back(' ');
        out += envelopes_[p.children[0]];
        out.push_back(' ');
        body(out, p.children[0]);
        out.push_back(' ');
        append_number(out, p.body_lines);
      } else if (text) {
        // body-type-text = media-text SP body-fields SP body-fld-lines
        out.push_back(' ');
        append_number(out, p.body_lines);
      }
      if (extended_) {
        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc ...]]]
        out.push_back(' ');
        append_nstring(out, p.md5);
        append_ext_tail(out, p);
      }
    }
    out.push_back(')');
  }

 private:
  const std::vector<Part>& parts_;
  const std::vector<std::string>& envelopes_;
  bool extended_;
};

}  // namespace

std::string build_body(const std::vector<Part>& parts, const std::vector<std::string>& envelopes,
                       std::uint32_t index, bool extended) {
  std::string out;
  out.reserve(128 * parts.size());
  Writer(parts, envelopes, extended).body(out, index);
  return out;
}

}  // namespace kurir::mime
