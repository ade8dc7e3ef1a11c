/// @file How text becomes terms across languages: accent folding, the stemmer of each
/// language, and the language an article is analysed in.
///
/// Folding happens at index time, inside the stemmer: every term is a stem with its
/// accents removed (`Zürich` -> `zurich`, `élections` in French -> `elect`), and the
/// query parser and the highlighter stem with the same stemmers, so `zurich` finds and
/// marks "Zürich" and `zürich` finds "Zurich". Measured against folding at query time in
/// docs/relevance.md "Accents and languages": query-time folding would have to expand each
/// word into every accented spelling the index holds, a walk of the term list per word,
/// where index-time folding costs nothing per search.
#pragma once

#include "article.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace article_search::language {

/// `text` with the diacritics of Latin letters removed (é -> e, Ø -> O, ł -> l, ß -> ss,
/// æ -> ae) and combining marks (U+0300-U+036F) dropped; every other character, and any
/// byte that is not valid UTF-8, is kept as it is. Pure.
std::string fold_accents(std::string_view text);

/// The language Xapian stems `tag` in, as its ISO 639-1 code: `en`, `fr-FR`, `pt_BR`,
/// `French`, `fra` -> "en", "fr", "pt", "fr", "fr". Nothing when Xapian has no stemmer for
/// it (`ja`, `el`, `xx`). Pure.
std::optional<std::string> stemmer_language(std::string_view tag);

/// The analysis of a text without a stemmer: words are only lower-cased and folded.
inline constexpr std::string_view unstemmed = "none";

/// The stemmer of `language` (a stemmer_language code, or `unstemmed`) whose stems are
/// accent-folded. The indexer, the query parser and the highlighter all stem with it.
/// A Xapian::Stem keeps state: each thread makes its own.
Xapian::Stem folding_stemmer(std::string_view language);

/// The language CLD2 reads `text` in (its first 16 KB), as an ISO 639-1 code, when it
/// says it is sure; empty otherwise (too short, mixed, unknown).
std::string detect_language(std::string_view text);

/// The language the article's text is analysed in: the language it states, else the one
/// detected in its title and body, else `fallback`; always a stemmer_language code or
/// `unstemmed` (a stated language Xapian cannot stem is analysed unstemmed).
std::string analysis_language(const Article& article, std::string_view fallback);

/// The language text is analysed in when neither the article nor detection says.
inline constexpr std::string_view default_language = "en";

}  // namespace article_search::language
