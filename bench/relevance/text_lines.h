/// @file Small text helpers shared by the collection parsers.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::relevance::text {

/// The lines of `text` without their '\n' (and a '\r' before it); no empty last line.
std::vector<std::string_view> lines(std::string_view text);

/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// The white-space separated words of `line`.
std::vector<std::string_view> words(std::string_view line);

/// Lines joined by single spaces after trimming each, empty lines dropped.
std::string join_trimmed(const std::vector<std::string_view>& lines);

/// Calls `row(fields, where)` for each line of a whitespace-separated table, blank lines
/// and the first `header_lines` skipped, after checking it has `columns` fields; `where`
/// ("NAME line N") starts every error message, so a bad qrels line is easy to find.
void for_each_row(std::string_view text, const std::string& name, std::size_t header_lines,
                  std::size_t columns, const std::string& expected,
                  const std::function<void(const std::vector<std::string_view>& fields,
                                           const std::string& where)>& row);

/// A strict decimal integer (optional leading '-'), or throws std::runtime_error with
/// `what` in the message.
int parse_int(std::string_view digits, const std::string& what);

}  // namespace article_search::relevance::text
