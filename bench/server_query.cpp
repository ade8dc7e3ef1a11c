/// @file One query of the mix as the project's search API takes it (q and source).
#include "server_query.h"

namespace article_search::bench {

std::string server_q(const Query& q) {
  std::string words;
  for (const auto& w : q.words) words += (words.empty() ? "" : " ") + w;
  if (q.kind == QueryKind::phrase) return "\"" + words + "\"";
  if (q.kind == QueryKind::field) return q.field + ":" + words;
  return words;
}

std::string server_target(const Query& q) {
  // Words are ASCII letters, sources folder names: only the few characters below need escaping.
  std::string encoded;
  for (char c : server_q(q)) {
    if (c == ' ') encoded += "%20";
    else if (c == '"') encoded += "%22";
    else if (c == ':') encoded += "%3A";
    else encoded += c;
  }
  std::string target = "/api/search?q=" + encoded + "&limit=10";
  if (!q.filter_source.empty()) target += "&source=" + q.filter_source;
  return target;
}

}  // namespace article_search::bench
