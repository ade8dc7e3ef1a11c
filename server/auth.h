/// @file Keys: who may write, and (optionally) who may read.
///
/// Writes need the admin key, and are refused when none is configured. With a search key,
/// every route but the open ones (/health) needs it, or the admin key. A key travels only
/// as `Authorization: Bearer KEY`: one in the URL is refused, since URLs end up in logs,
/// proxies and browser histories. Keys come from a file or the environment (cli.cpp),
/// never the command line, which `ps` shows; they are compared in constant time and never
/// logged or echoed. The checks run on the request head, before any body is read.
/// Pure: key text and header values in, a denial out.
#pragma once

#include "guarded_server.h"
#include "route_table.h"

#include <optional>
#include <string>
#include <string_view>

namespace article_search::server {

/// Shortest key taken: a short key can be guessed by trying.
inline constexpr std::size_t min_key_bytes = 16;

struct AccessKeys {
  std::string admin;   ///< empty: writes are off
  std::string search;  ///< empty: reads are open
  bool any() const { return !admin.empty() || !search.empty(); }
};

/// Whether a request for a route of `access`, with this `Authorization` value (empty when
/// absent) and URL `target`, may go on.
std::optional<Denial> check_access(const AccessKeys& keys, Access access,
                                   std::string_view authorization, std::string_view target);

/// Whether `a` equals `b`, in a time that depends on their lengths only.
bool constant_time_equal(std::string_view a, std::string_view b);

/// The key a file or variable holds: its text without surrounding whitespace (a file
/// ends in a newline). An error message (naming `where`, never the key) when it is
/// shorter than min_key_bytes or holds whitespace or control characters inside.
std::string key_problem(std::string_view key, const std::string& where);
std::string trimmed_key(std::string_view text);

/// Whether the URL `target` carries a key-like query parameter (key, api_key, token...).
bool key_in_url(std::string_view target);

}  // namespace article_search::server
