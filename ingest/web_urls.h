/// @file URLs as pages, feeds and records state them: which ones the index keeps (and the
/// page may link), and the host that names a site.
#pragma once

#include <string>
#include <string_view>

namespace article_search::ingest {

/// `text`, trimmed, when it is an absolute http(s) URL with a host and no white space or
/// control character inside; else "" (a `javascript:` or relative "URL" is never kept). Pure.
std::string http_url(std::string_view text);

/// Whether http_url keeps `text`. Pure.
inline bool is_http_url(std::string_view text) { return !http_url(text).empty(); }

/// The host of an http(s) URL, in lower case, without "www." and port
/// ("https://www.BBC.co.uk:443/x" → "bbc.co.uk"); "" when there is none. Pure.
std::string url_host(std::string_view url);

}  // namespace article_search::ingest
