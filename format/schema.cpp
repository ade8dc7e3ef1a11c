/// @file Boolean term construction shared by the indexer and the server.
#include "schema.h"

#include <cstdio>

namespace article_search::schema {

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
