/// @file A search as an Atom feed (RFC 4287): GET /api/search.atom, so that any feed reader
/// can subscribe to a saved search and be shown what is new.
///
/// Entries keep their identity across fetches and rebuilds: an article's entry id names its
/// article id, a story's (group=story) its story id, so a reader marks nothing read twice.
/// An entry's `updated` is the article's modified time, else its date; an undated article
/// has the Unix epoch (Atom requires a time, and one that changed at every fetch would show
/// it as new each time). The feed's `updated` is its newest entry's, for the same reason.
#pragma once

#include "search.h"

#include <string>
#include <string_view>

namespace article_search::search {

/// Where the feed is served: links in the feed are made absolute from these.
struct FeedPlace {
  std::string base;       ///< "http://host:port", no trailing slash
  std::string self_path;  ///< the request target of the feed ("/api/search.atom?q=...")
};

/// An article's date as an RFC 3339 time in UTC ("2024-07-16" → "2024-07-16T00:00:00Z"),
/// or the epoch when it has none. Pure.
std::string atom_time(std::string_view date);

/// The feed of `result`, one entry per hit in its order. Text is XML-escaped, and a
/// character XML 1.0 cannot carry (most C0 controls) is dropped. Pure.
std::string atom_feed(const SearchResult& result, const FeedPlace& place);

}  // namespace article_search::search
