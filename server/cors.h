/// @file Cross-origin requests (CORS): which other origins' pages may call the API.
///
/// Off by default: a browser then lets no page of another origin read an answer. With
/// `--cors-origin`, the origins listed (exactly, `scheme://host[:port]`, or `*` for any) get
/// `Access-Control-Allow-Origin` on the API's answers, and their preflight (`OPTIONS` with
/// `Access-Control-Request-Method`) is granted for the methods the path takes, and for the
/// `Content-Type` header (and `Authorization`, where keys are on). A preflight from another
/// origin, or asking another method or request headers the API does not read,
/// is answered without the grant, and the browser keeps the request from being sent.
/// Pure: header values in, header lines out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace article_search::server {

class CorsPolicy {
 public:
  CorsPolicy() = default;
  /// `authorization`: keys are on, so a preflight may ask to send `Authorization`.
  explicit CorsPolicy(std::vector<std::string> origins, bool authorization = false)
      : origins_(std::move(origins)), authorization_(authorization) {}

  bool enabled() const { return !origins_.empty(); }
  /// The `Access-Control-Allow-Origin` value for a request from `origin`, or empty.
  std::string allowed_origin(std::string_view origin) const;

  /// The header lines (each ending in CRLF) that grant a preflight for a path taking
  /// `allow` (an `Allow` value), or "" when it is not granted. `request_method` and
  /// `request_headers` are the Access-Control-Request-* values.
  std::string preflight_grant(std::string_view origin, std::string_view request_method,
                              std::string_view request_headers, std::string_view allow) const;

 private:
  std::vector<std::string> origins_;
  bool authorization_ = false;
};

/// Whether `origin` is one `--cors-origin` can name: `*`, or `http(s)://host[:port]`
/// without a path. Pure.
bool valid_cors_origin(std::string_view origin);

}  // namespace article_search::server
