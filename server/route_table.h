/// @file The API's routes as one piece of data. register_routes binds them, route_label
/// names requests after them in /metrics, and tests/server/openapi_test.cpp holds
/// openapi.json to them: a route is added here, nowhere else.
#pragma once

#include "errors.h"
#include "guarded_server.h"

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace article_search::server {

struct Service;

/// A set of error codes, constexpr so that the table below can hold one per route.
class ErrorSet {
 public:
  constexpr ErrorSet(std::initializer_list<search::ErrorCode> codes) {
    for (const search::ErrorCode code : codes) bits_ |= bit(code);
  }
  constexpr bool contains(search::ErrorCode code) const { return (bits_ & bit(code)) != 0; }

 private:
  static constexpr std::uint32_t bit(search::ErrorCode code) {
    return std::uint32_t{1} << static_cast<unsigned>(code);
  }
  std::uint32_t bits_ = 0;
};

/// What the connection layer answers itself, on any path, before a handler runs
/// (request_reader.cpp, guarded_server.cpp): every route can answer these too.
/// unsupported_media_type: a compressed body (write routes also answer it for a body of
/// another media type).
inline constexpr ErrorSet connection_errors = {
    search::ErrorCode::invalid_request,        search::ErrorCode::method_not_allowed,
    search::ErrorCode::payload_too_large,      search::ErrorCode::uri_too_long,
    search::ErrorCode::headers_too_large,      search::ErrorCode::request_timeout,
    search::ErrorCode::unsupported_media_type, search::ErrorCode::expectation_failed,
    search::ErrorCode::not_implemented,        search::ErrorCode::http_version_not_supported,
    search::ErrorCode::overloaded,             search::ErrorCode::internal,
};

using Handler = void (*)(Service&, const httplib::Request&, httplib::Response&);

/// Who may call a route (auth.h): anyone; a reader (the search key, when one is set);
/// or the operator (the admin key, which must be set).
enum class Access { open, read, admin };

struct Route {
  /// "GET" (httplib answers HEAD with the same handler, without the body), "PUT",
  /// "DELETE" or "POST". Several routes may share a path, one per method.
  std::string_view method;
  /// The OpenAPI path template (`/api/documents/{id}`): its key in openapi.json, its
  /// metrics label, and what httplib is given as httplib_pattern(path).
  std::string_view path;
  Handler handler;
  /// The errors the handler itself may answer (beyond connection_errors).
  ErrorSet errors;
  Access access = Access::read;
  /// The largest request body it takes (0: none); the connection layer refuses a larger
  /// one with 413 from its head, before reading it.
  std::uint64_t max_body = 0;
};

/// The errors keys add to a route of `access` (auth.h), answered before its handler runs.
constexpr ErrorSet access_errors(Access access) {
  switch (access) {
    case Access::open: return {};
    case Access::read: return {search::ErrorCode::unauthorized};
    case Access::admin: return {search::ErrorCode::unauthorized, search::ErrorCode::forbidden};
  }
  return {};
}

/// Every route of the API, in the order httplib tries them.
std::span<const Route> route_table();

/// httplib's pattern for a path template (a regex matched against the whole decoded
/// path): the literal parts escaped, each `{parameter}` one capture, `(.+)`, so that a
/// parameter may contain '/'.
std::string httplib_pattern(std::string_view path_template);

/// The first route whose template matches `path` (the one that names it in /metrics), or
/// nullptr (a file of web/, or nothing). Matches the templates as httplib matches their
/// patterns, without a regex.
const Route* find_route(std::string_view path);
/// The route httplib dispatches `method` on `path` to (HEAD goes to GET), or nullptr.
const Route* find_route(std::string_view method, std::string_view path);

/// What the connection layer lets through on `path`: the methods of the routes there
/// (GET and HEAD on other paths, for web/'s files), and the largest body one takes.
MethodRule method_rule(std::string_view path);

}  // namespace article_search::server
