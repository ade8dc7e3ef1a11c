/// @file The id rule of articles.
#include "article.h"

namespace article_search {

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
