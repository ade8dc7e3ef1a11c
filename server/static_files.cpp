/// @file Which request paths may be served from the --web folder.
#include "static_files.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace article_search::server {
namespace {

bool has_encoded_separator(std::string_view target) {
  for (std::size_t i = 0; i + 2 < target.size(); ++i) {
    if (target[i] != '%') continue;
    const std::string code{static_cast<char>(std::tolower(static_cast<unsigned char>(target[i + 1]))),
                           static_cast<char>(std::tolower(static_cast<unsigned char>(target[i + 2])))};
    if (code == "2e" || code == "2f" || code == "5c" || code == "00") return true;
  }
  return false;
}

bool has_bad_segment(std::string_view path) {
  if (path.empty() || path.front() != '/') return true;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return true;
  }
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    // Empty segments ("//etc") and dot-files are refused as well as "." and "..".
    if (end < path.size() && segment.empty()) return true;
    if (!segment.empty() && segment.front() == '.') return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::optional<std::filesystem::path> static_file(const std::filesystem::path& web_root,
                                                 std::string_view target, std::string_view path) {
  if (web_root.empty() || has_encoded_separator(target) || has_bad_segment(path)) {
    return std::nullopt;
  }
  std::string relative(path.substr(1));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::canonical(web_root, ec);
  if (ec) return std::nullopt;
  const std::filesystem::path real = std::filesystem::canonical(root / relative, ec);
  if (ec || !std::filesystem::is_regular_file(real, ec)) return std::nullopt;
  const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  if (root_end != root.end()) return std::nullopt;
  return real;
}

}  // namespace article_search::server
