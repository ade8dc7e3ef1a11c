/// @file The id rule of articles, and field values.
#include "article.h"

#include "utf8.h"

#include <algorithm>
#include <unordered_set>

namespace article_search {

std::string field_value(std::string_view value, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(value.size(), max_bytes));
  bool space = false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max_bytes) {
    std::size_t keep = max_bytes;
    while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80) --keep;
    out.resize(keep);
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
  return out;
}

std::vector<std::string> field_values(const std::vector<std::string>& values,
                                      std::size_t max_values) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const std::string& raw : values) {
    if (out.size() >= max_values) break;
    std::string value = field_value(raw);
    if (value.empty() || !seen.insert(text::fold_case(value)).second) continue;
    out.push_back(std::move(value));
  }
  return out;
}

std::string id_from_relative_path(std::string_view relative_path) {
  const std::size_t slash = relative_path.rfind('/');
  const std::size_t dot = relative_path.rfind('.');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash + 1)) {
    relative_path = relative_path.substr(0, dot);
  }
  return safe_id(relative_path);
}

std::string safe_id(std::string_view raw) {
  std::string id;
  id.reserve(raw.size());
  for (char c : raw) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '/';
    id += safe ? c : '_';
  }
  return id;
}

}  // namespace article_search
