#include "transfer/mailbox_path.hpp"

namespace kurir::transfer {

namespace {

constexpr std::string_view kSuffix = ".mbox";

bool needs_escape(unsigned char c, bool first) {
  if (c < 0x20 || c == 0x7f) return true;
  if (first && c == '.') return true;
  return std::string_view("%\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string escape_path_level(std::string_view level) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < level.size(); ++i) {
    auto c = static_cast<unsigned char>(level[i]);
    if (needs_escape(c, i == 0)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string unescape_path_level(std::string_view component) {
  std::string out;
  for (std::size_t i = 0; i < component.size(); ++i) {
    if (component[i] == '%' && i + 2 < component.size() && hex_value(component[i + 1]) >= 0 &&
        hex_value(component[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(component[i + 1]) * 16 + hex_value(component[i + 2]));
      i += 2;
    } else {
      out += component[i];
    }
  }
  return out;
}

std::filesystem::path mbox_path_for(std::string_view mailbox) {
  std::filesystem::path out;
  std::size_t pos = 0;
  while (true) {
    std::size_t slash = mailbox.find('/', pos);
    std::string_view level = mailbox.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    if (slash == std::string_view::npos) {
      out /= escape_path_level(level) + std::string(kSuffix);
      return out;
    }
    out /= escape_path_level(level);
    pos = slash + 1;
  }
}

Result<std::string> mailbox_for_mbox_path(const std::filesystem::path& relative) {
  std::string name;
  auto count = std::distance(relative.begin(), relative.end());
  std::ptrdiff_t index = 0;
  for (const auto& part : relative) {
    std::string component = part.string();
    if (++index == count && component.size() > kSuffix.size() && component.ends_with(kSuffix))
      component.resize(component.size() - kSuffix.size());
    if (component.empty() || component == "." || component == "..")
      return make_error(Errc::invalid_argument, "no mailbox name in the path " + relative.string());
    if (!name.empty()) name += '/';
    name += unescape_path_level(component);
  }
  if (name.empty()) return make_error(Errc::invalid_argument, "no mailbox name in an empty path");
  return name;
}

}  // namespace kurir::transfer
