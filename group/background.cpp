/// @file The background word weights (see background.h).
#include "background.h"

#include "background_df.h"

#include <cmath>
#include <charconv>
#include <string>
#include <unordered_map>

namespace article_search::group {
namespace {

/// Document frequency given to a word the table does not list (it lists df >= 3).
constexpr double unlisted_df = 1.5;

struct Table {
  double articles = 1;
  std::unordered_map<std::string, double> df;
};

/// The table's text: a first line "articles N", then "stem df" lines.
Table parse(std::string_view text) {
  Table table;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    unsigned long count = 0;
    const std::string_view number = line.substr(space + 1);
    if (std::from_chars(number.data(), number.data() + number.size(), count).ec != std::errc()) continue;
    if (line.substr(0, space) == "articles") {
      table.articles = static_cast<double>(count);
    } else {
      table.df.emplace(std::string(line.substr(0, space)), static_cast<double>(count));
    }
  }
  return table;
}

}  // namespace

double background_idf(std::string_view term) {
  static const Table table = parse(background_df);
  const auto found = table.df.find(std::string(term));
  const double df = found == table.df.end() ? unlisted_df : found->second;
  return std::log(table.articles / df);
}

}  // namespace article_search::group
