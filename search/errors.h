/// @file Every API error code in one table: code → HTTP status (Meilisearch-like).
#pragma once

#include <string>
#include <string_view>

namespace article_search::search {

enum class ErrorCode {
  invalid_parameter,
  invalid_query,
  invalid_request,
  invalid_document,
  unauthorized,
  forbidden,
  not_found,
  method_not_allowed,
  payload_too_large,
  uri_too_long,
  headers_too_large,
  request_timeout,
  unsupported_media_type,
  expectation_failed,
  not_implemented,
  http_version_not_supported,
  overloaded,
  index_unavailable,
  index_locked,
  shard_unavailable,
  internal,
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view name;  ///< the `code` field of the JSON error
  int status;             ///< the HTTP status
};

/// The table itself.
inline constexpr ErrorInfo error_table[] = {
    {ErrorCode::invalid_parameter, "invalid_parameter", 400},
    {ErrorCode::invalid_query, "invalid_query", 400},
    {ErrorCode::invalid_request, "invalid_request", 400},  // framing, Host, bodies on GET
    {ErrorCode::invalid_document, "invalid_document", 400},  // an article the API cannot write
    {ErrorCode::unauthorized, "unauthorized", 401},  // no key, or a wrong one
    {ErrorCode::forbidden, "forbidden", 403},        // writes on a server without an admin key
    {ErrorCode::not_found, "not_found", 404},
    {ErrorCode::method_not_allowed, "method_not_allowed", 405},
    {ErrorCode::payload_too_large, "payload_too_large", 413},
    {ErrorCode::uri_too_long, "uri_too_long", 414},
    {ErrorCode::headers_too_large, "headers_too_large", 431},
    {ErrorCode::request_timeout, "request_timeout", 408},
    {ErrorCode::unsupported_media_type, "unsupported_media_type", 415},  // compressed bodies
    {ErrorCode::expectation_failed, "expectation_failed", 417},
    {ErrorCode::not_implemented, "not_implemented", 501},  // an unknown method
    {ErrorCode::http_version_not_supported, "http_version_not_supported", 505},
    {ErrorCode::overloaded, "overloaded", 503},
    {ErrorCode::index_unavailable, "index_unavailable", 503},
    {ErrorCode::index_locked, "index_locked", 503},  // another writer held the lock too long
    {ErrorCode::shard_unavailable, "shard_unavailable", 503},
    {ErrorCode::internal, "internal", 500},
};

constexpr const ErrorInfo& error_info(ErrorCode code) {
  for (const ErrorInfo& info : error_table) {
    if (info.code == code) return info;
  }
  return error_table[std::size(error_table) - 1];
}

/// An expected failure, returned as a value. `parameter` is empty when none is to blame.
struct ApiError {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string parameter;
  std::string field = {};  ///< of a document the API cannot write: the field to blame

  int status() const { return error_info(code).status; }
  std::string_view name() const { return error_info(code).name; }
};

}  // namespace article_search::search
