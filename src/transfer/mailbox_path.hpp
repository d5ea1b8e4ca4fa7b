// Mailbox names as paths of a directory of mbox files, the layout `kurir
// export --mbox DIR` writes and `kurir import mbox DIR` reads: mailbox
// "Work/2024" is the file DIR/Work/2024.mbox, each level of the name one
// path component.
//
// A level is written as it is (UTF-8) except for bytes unsafe or
// ambiguous in a file name, written %XX: '%' itself, control characters,
// '\' ':' '*' '?' '"' '<' '>' '|' (unsafe on other systems when the tree is
// copied there), and a leading '.' (so ".", ".." and hidden names cannot
// occur). Reading takes a file name without the ".mbox" suffix as it is, so
// mbox files written by other programs ("Inbox", "Sent") import too.
//
// Thread-safety: pure functions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::transfer {

// One level of a mailbox name as a path component.
std::string escape_path_level(std::string_view level);
// The inverse; a '%' not followed by two hex digits stays as it is.
std::string unescape_path_level(std::string_view component);

// "Work/2024" -> "Work/2024.mbox" (relative).
std::filesystem::path mbox_path_for(std::string_view mailbox);
// "Work/2024.mbox" (relative to the tree's root) -> "Work/2024"; a last
// component without ".mbox" is taken whole. Fails invalid_argument on an
// empty path.
Result<std::string> mailbox_for_mbox_path(const std::filesystem::path& relative);

}  // namespace kurir::transfer
