/// @file The schema's fields, and boolean terms.
#include "schema.h"

#include "dates.h"
#include "numbers.h"

#include <cstdio>

namespace article_search::schema {
namespace {

std::string source_of(const Article& article) { return article.source; }

std::string year_of(const Article& article) {
  const auto keys = dates::date_keys(article.date);
  return keys ? keys->year : std::string();
}

bool valid_source(std::string_view value) { return !value.empty() && value.size() <= 200; }

bool valid_year(std::string_view value) {
  return value.size() == 4 && numbers::parse_bounded<int>(value, 1, 9999).has_value();
}

}  // namespace

const std::array<TextField, 2> text_fields = {{
    {"title", prefix::title, &Article::title, title_wdf},
    {"body", prefix::body, &Article::body, 1},
}};

const std::array<FilterField, 2> filter_fields = {{
    {"source", prefix::source, Slot::source, source_of, valid_source,
     "a source name of 1 to 200 bytes"},
    {"year", prefix::year, Slot::year, year_of, valid_year, "a four-digit year"},
}};

const FilterField* filter_field(std::string_view name) {
  for (const FilterField& field : filter_fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
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
