/// @file The request log's lines (stderr, one per request): pure, so that what a client
/// sends cannot forge or fill a line, and tests can read them without a server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace article_search::server {

/// What one line says about a request.
struct LoggedRequest {
  std::string_view method;
  std::string_view path;  ///< without the query string
  int status = 0;
  std::optional<double> seconds;  ///< nothing: refused by the connection layer
  /// The `q` parameter, decoded; nothing when absent or when queries are left out of the
  /// log (--log-queries no).
  std::optional<std::string_view> query;
};

/// `GET /api/search 200 1.25ms q="rust lang"` (`(refused)` in place of the time), with
/// a newline. Every part from the client goes through text::printable, and a `"` in the
/// query is `\"`.
std::string request_log_line(const LoggedRequest& request);

/// The decoded `q` parameter of a request target (`/api/search?q=a+b`), for requests
/// the connection layer refused before parsing them; nothing when there is none. Pure.
std::optional<std::string> query_of_target(std::string_view target);

}  // namespace article_search::server
