/// @file Accent folding for terms: accented Latin letters to their ASCII base (é -> e,
/// ß -> ss, æ -> ae), so "Zürich" and "Zurich", "café" and "cafe" are the same term.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace article_search::schema {

/// `word` with every letter of Latin-1 Supplement and Latin Extended-A folded to ASCII
/// and combining diacritical marks (U+0300..U+036F) dropped; other characters kept. Pure.
std::string fold_accents(std::string_view word);

/// A stemmer of `language` that folds accents first: used as the stemmer of the
/// TermGenerator and the QueryParser alike, both sides fold the same way.
Xapian::Stem folding_stemmer(const char* language);

}  // namespace article_search::schema
