/// @file The schema's fields, and boolean terms.
#include "schema.h"

#include "dates.h"
#include "numbers.h"
#include "utf8.h"

#include <algorithm>

#include <cstdio>

namespace article_search::schema {
namespace {

std::vector<std::string> one(std::string value) {
  if (value.empty()) return {};
  return {std::move(value)};
}

std::vector<std::string> source_of(const Article& article) { return one(article.source); }
std::vector<std::string> authors_of(const Article& article) { return field_values(article.authors); }
std::vector<std::string> tags_of(const Article& article) { return field_values(article.tags); }
std::vector<std::string> section_of(const Article& article) {
  return one(field_value(article.section));
}
std::vector<std::string> language_of(const Article& article) {
  return one(field_value(article.language));
}

std::vector<std::string> year_of(const Article& article) {
  const auto keys = dates::date_keys(article.date);
  return keys ? one(keys->year) : std::vector<std::string>();
}

bool valid_source(std::string_view value) { return !value.empty() && value.size() <= 200; }
bool valid_name(std::string_view value) { return !value.empty() && value.size() <= 1000; }

/// A BCP 47 tag as far as a filter needs: letters, digits and '-', 2 to 35 bytes.
bool valid_language(std::string_view value) {
  if (value.size() < 2 || value.size() > 35) return false;
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

bool valid_year(std::string_view value) {
  return value.size() == 4 && numbers::parse_bounded<int>(value, 1, 9999).has_value();
}

}  // namespace

const std::array<TextField, 2> text_fields = {{
    {"title", prefix::title, &Article::title, title_wdf},
    {"body", prefix::body, &Article::body, 1, false},
}};

const std::array<FilterField, 6> filter_fields = {{
    {"source", "source", prefix::source, Slot::source, source_of, valid_source,
     "a source name of 1 to 200 bytes"},
    {"year", "year", prefix::year, Slot::year, year_of, valid_year, "a four-digit year"},
    {"author", "author", prefix::author, Slot::authors, authors_of, valid_name,
     "an author's name of 1 to 1000 bytes", true, true},
    {"tag", "tag", prefix::tag, Slot::tags, tags_of, valid_name, "a tag of 1 to 1000 bytes",
     true, true},
    {"section", "section", prefix::section, Slot::section, section_of, valid_name,
     "a section name of 1 to 1000 bytes", true},
    {"language", "lang", prefix::language, Slot::language, language_of, valid_language,
     "a language tag such as `en` or `pt-BR`", true},
}};

const FilterField* filter_field(std::string_view name) {
  for (const FilterField& field : filter_fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

std::string filter_term(const FilterField& field, std::string_view value) {
  if (!field.folded) return boolean_term(field.prefix, value);
  return boolean_term(field.prefix, text::fold_case(field_value(value)));
}

std::vector<std::string> slot_values(const FilterField& field, std::string_view slot_value) {
  std::vector<std::string> values;
  if (slot_value.empty()) return values;
  if (!field.multi) return {std::string(slot_value)};
  std::size_t start = 0;
  while (start <= slot_value.size()) {
    const std::size_t end = std::min(slot_value.find(list_separator, start), slot_value.size());
    if (end > start) values.emplace_back(slot_value.substr(start, end - start));
    start = end + 1;
  }
  return values;
}

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  // Omega's rule: a multi-character prefix is followed by ':' when the value starts with
  // an upper-case letter, so the boundary between prefix and value stays unambiguous.
  if (prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') {
    term += ':';
  }
  if (term.size() + value.size() <= max_term_bytes) return term.append(value);

  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(value)));
  std::size_t keep = max_term_bytes - term.size() - 16;
  // Do not cut a UTF-8 sequence in half.
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  return term.append(value.substr(0, keep)).append(hash);
}

}  // namespace article_search::schema
