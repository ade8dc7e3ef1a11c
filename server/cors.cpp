/// @file Cross-origin requests (see cors.h).
#include "cors.h"

#include "request_reader.h"

#include <algorithm>
#include <cctype>

namespace article_search::server {
namespace {

/// The request headers the API reads that a page must ask for (simple headers such as
/// Accept and Content-Language need no grant): Authorization only where keys are on.
constexpr std::string_view granted_headers[] = {"content-type"};
constexpr std::string_view granted_headers_with_keys[] = {"content-type", "authorization"};
constexpr std::string_view max_age_seconds = "600";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// Whether every name of a comma-separated list is in `names` (case-insensitive).
template <class Names>
bool all_listed(std::string_view list, const Names& names) {
  while (!list.empty()) {
    const std::size_t comma = std::min(list.find(','), list.size());
    const std::string_view name = trimmed(list.substr(0, comma));
    list.remove_prefix(std::min(comma + 1, list.size()));
    if (name.empty()) continue;
    if (std::none_of(std::begin(names), std::end(names),
                     [&](std::string_view known) { return iequals(known, name); })) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string CorsPolicy::allowed_origin(std::string_view origin) const {
  if (origin.empty()) return {};
  for (const std::string& allowed : origins_) {
    if (allowed == "*") return "*";
    if (allowed == origin) return allowed;
  }
  return {};
}

std::string CorsPolicy::preflight_grant(std::string_view origin, std::string_view request_method,
                                        std::string_view request_headers,
                                        std::string_view allow) const {
  const std::string granted = allowed_origin(origin);
  if (granted.empty() || request_method.empty()) return {};
  // The method must be one the path takes (a list of one name, compared exactly: methods
  // are case-sensitive).
  bool method_allowed = false;
  for (std::string_view rest = allow; !rest.empty();) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    if (trimmed(rest.substr(0, comma)) == request_method) method_allowed = true;
    rest.remove_prefix(std::min(comma + 1, rest.size()));
  }
  const bool headers_allowed = authorization_ ? all_listed(request_headers, granted_headers_with_keys)
                                             : all_listed(request_headers, granted_headers);
  if (!method_allowed || !headers_allowed) return {};
  std::string lines = "Access-Control-Allow-Origin: " + granted + "\r\n";
  lines += "Access-Control-Allow-Methods: " + std::string(allow) + "\r\n";
  if (!trimmed(request_headers).empty()) {
    lines += authorization_ ? "Access-Control-Allow-Headers: Content-Type, Authorization\r\n"
                            : "Access-Control-Allow-Headers: Content-Type\r\n";
  }
  lines += "Access-Control-Max-Age: " + std::string(max_age_seconds) + "\r\n";
  return lines;
}

bool valid_cors_origin(std::string_view origin) {
  if (origin == "*") return true;
  std::string_view rest;
  if (origin.starts_with("https://")) rest = origin.substr(8);
  else if (origin.starts_with("http://")) rest = origin.substr(7);
  else return false;
  return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']';
  });
}

}  // namespace article_search::server
