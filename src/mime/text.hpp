// Search text: the decoded UTF-8 of a message's text/plain and text/html
// parts (HTML crudely stripped of markup), for the full-text index.
//
// SECURITY: bounded by limits::kMaxSearchTextBytes however large the input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mime/message.hpp"

namespace kurir::mime {

std::string build_search_text(std::string_view message, const std::vector<Part>& parts);

// Text with HTML tags, comments, <script> and <style> content removed and a
// few common entities decoded. Not a sanitiser: for indexing only.
std::string strip_html(std::string_view html);

}  // namespace kurir::mime
