/// @file Language tags (see language_tag.h).
#include "language_tag.h"

#include <vector>

namespace article_search::ingest {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool all_of(std::string_view s, bool (*test)(char)) {
  for (const char c : s) {
    if (!test(c)) return false;
  }
  return true;
}
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

std::vector<std::string> subtags(std::string_view text) {
  std::vector<std::string> parts(1);
  for (const char c : text) {
    if (c == '-' || c == '_') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

/// Subtags after the language: a script is Title case ("Hant"), a region upper case
/// ("BR", or three digits "419"), anything else (variants, extensions) lower case.
bool normalize_subtag(std::string& part) {
  if (part.empty() || part.size() > 8 || !all_of(part, is_alnum)) return false;
  for (char& c : part) c = to_lower(c);
  if (part.size() == 2 && all_of(part, is_alpha)) {
    for (char& c : part) c = to_upper(c);
  } else if (part.size() == 4 && all_of(part, is_alpha)) {
    part[0] = to_upper(part[0]);
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string language_tag(std::string_view text) {
  text = trimmed(text);
  if (text.empty() || text.size() > 35) return {};
  std::vector<std::string> parts = subtags(text);
  std::string& language = parts.front();
  if (language.size() < 2 || language.size() > 3 || !all_of(language, is_alpha)) return {};
  for (char& c : language) c = to_lower(c);
  std::string tag = language;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!normalize_subtag(parts[i])) return {};
    tag += '-';
    tag += parts[i];
  }
  return tag;
}

}  // namespace article_search::ingest
