/// @file Strict integer parsing, for every number read from outside (query parameters,
/// command-line options, stub files, folder names).
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace article_search::numbers {

/// `text` as an integer within [min, max]: decimal digits only (no sign, no spaces, no
/// leading `+`), the whole text, no overflow. Pure.
template <class Integer>
std::optional<Integer> parse_bounded(std::string_view text, Integer min, Integer max) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  Integer value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace article_search::numbers
