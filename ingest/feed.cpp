/// @file Feeds (see feed.h).
#include "feed.h"

namespace article_search::ingest {

bool looks_like_feed(std::string_view) { return false; }

std::optional<Feed> read_feed(std::string_view, std::string& error) {
  error = "feeds are not read yet";
  return std::nullopt;
}

}  // namespace article_search::ingest
