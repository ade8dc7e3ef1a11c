/// @file Keys (see auth.h).
#include "auth.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace article_search::server {
namespace {

using search::ErrorCode;

constexpr std::array<std::string_view, 9> key_parameters = {
    "key", "api_key", "apikey", "api-key", "access_token", "token", "admin_key", "search_key", "auth"};

/// The key of an `Authorization: Bearer KEY` value, or empty.
std::string_view bearer_key(std::string_view authorization) {
  constexpr std::string_view scheme = "Bearer ";
  if (authorization.size() <= scheme.size() || !iequals(authorization.substr(0, scheme.size()), scheme)) {
    return {};
  }
  std::string_view key = authorization.substr(scheme.size());
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  return key;
}

Denial unauthorized(std::string message) {
  // RFC 6750: a 401 names the scheme, and says why when a key was given but is wrong.
  return {{ErrorCode::unauthorized, std::move(message)}, "WWW-Authenticate: Bearer realm=\"article-search\"\r\n"};
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  // Compare against the expected key's own length either way, so the time says nothing
  // about how much of a guess matched.
  for (std::size_t i = 0; i < b.size(); ++i) {
    const unsigned char guess = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    difference |= static_cast<unsigned char>(guess ^ static_cast<unsigned char>(b[i]));
  }
  return difference == 0;
}

bool key_in_url(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return false;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (std::any_of(key_parameters.begin(), key_parameters.end(),
                    [&](std::string_view key) { return iequals(name, key); })) {
      return true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

std::optional<Denial> check_access(const AccessKeys& keys, Access access,
                                   std::string_view authorization, std::string_view target) {
  if (key_in_url(target)) {
    return Denial{{ErrorCode::invalid_request,
                   "Keys are not taken in the URL, which logs and histories keep: send "
                   "`Authorization: Bearer KEY`."},
                  ""};
  }
  if (access == Access::open) return std::nullopt;
  if (access == Access::read && keys.search.empty()) return std::nullopt;
  if (access == Access::admin && keys.admin.empty()) {
    return Denial{{ErrorCode::forbidden,
                   "This server takes no writes: start it with an admin key (--admin-key-file FILE "
                   "or ARTICLE_SEARCH_ADMIN_KEY)."},
                  ""};
  }
  const std::string_view key = bearer_key(authorization);
  if (key.empty()) {
    return unauthorized(access == Access::admin ? "This route needs the admin key: `Authorization: Bearer KEY`."
                                                : "This server needs a key: `Authorization: Bearer KEY`.");
  }
  const bool admin = !keys.admin.empty() && constant_time_equal(key, keys.admin);
  const bool reader = !keys.search.empty() && constant_time_equal(key, keys.search);
  if (admin || (access == Access::read && reader)) return std::nullopt;
  return unauthorized(access == Access::admin && reader ? "The search key cannot write: this route needs the admin key."
                                                        : "The key is not valid.");
}

std::string trimmed_key(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string key_problem(std::string_view key, const std::string& where) {
  if (key.size() < min_key_bytes) {
    return where + " holds a key of " + std::to_string(key.size()) + " bytes; a key needs at least " +
           std::to_string(min_key_bytes) + " (e.g. `openssl rand -hex 32`)";
  }
  const bool printable = std::all_of(key.begin(), key.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7f;
  });
  if (!printable) return where + " holds a key with spaces or control characters inside";
  return {};
}

}  // namespace article_search::server
