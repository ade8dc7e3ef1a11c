/// @file Small text helpers shared by the collection parsers.
#include "text_lines.h"

#include <charconv>
#include <stdexcept>

namespace article_search::relevance::text {
namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
}  // namespace

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> result;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    result.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return result;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> result;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) result.push_back(line.substr(start, i - start));
  }
  return result;
}

std::string join_trimmed(const std::vector<std::string_view>& lines) {
  std::string joined;
  for (std::string_view line : lines) {
    line = trim(line);
    if (line.empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += line;
  }
  return joined;
}

int parse_int(std::string_view digits, const std::string& what) {
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    throw std::runtime_error(what + ": expected an integer, got `" + std::string(digits) + "`");
  }
  return value;
}

void for_each_row(std::string_view text, const std::string& name, std::size_t header_lines,
                  std::size_t columns, const std::string& expected,
                  const std::function<void(const std::vector<std::string_view>& fields,
                                           const std::string& where)>& row) {
  std::size_t number = 0;
  for (std::string_view line : lines(text)) {
    if (++number <= header_lines) continue;
    const auto fields = words(line);
    if (fields.empty()) continue;
    const std::string where = name + " line " + std::to_string(number);
    if (fields.size() != columns) throw std::runtime_error(where + ": expected " + expected);
    row(fields, where);
  }
}

}  // namespace article_search::relevance::text
