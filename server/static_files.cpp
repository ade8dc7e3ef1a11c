/// @file Which request paths may be served from the --web folder.
#include "static_files.h"

#include "request_reader.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace article_search::server {
namespace {

/// Looks at the path part of the raw request target only: a query string such as
/// `?q=a%2Fb` names no file and must not make the page unreachable.
bool has_encoded_separator(std::string_view target) {
  target = target.substr(0, target.find('?'));
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

namespace article_search::server {

std::string_view content_type_for(const std::filesystem::path& file) {
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"}, {".woff2", "font/woff2"},
  };
  const std::string extension = file.extension().string();
  for (const auto& [known, type] : types) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

StaticAnswer answer_static(std::string content, std::string_view range) {
  StaticAnswer answer;
  const std::optional<RangeRequest> wanted = range.empty() ? std::nullopt : parse_single_range(range, content.size());
  if (wanted && wanted->unsatisfiable) {
    answer.status = 416;
    answer.content_range = "bytes */" + std::to_string(content.size());
    return answer;
  }
  if (wanted && wanted->range) {
    const ByteRange r = *wanted->range;
    answer.status = 206;
    answer.content_range = "bytes " + std::to_string(r.first) + "-" + std::to_string(r.last) + "/" +
                           std::to_string(content.size());
    answer.body = content.substr(static_cast<std::size_t>(r.first), static_cast<std::size_t>(r.last - r.first + 1));
    return answer;
  }
  answer.body = std::move(content);
  return answer;
}

}  // namespace article_search::server
