/// @file "Did you mean": spelling corrections, offered only when they would help.
#pragma once

#include "search.h"

#include <xapian.h>

#include <optional>
#include <string_view>

namespace article_search::search {

/// A corrected query, when some word of `q` is rare or absent from the index and the
/// spelling dictionary knows a far more frequent word close to it. A correction that
/// stems like the original (`bans` → `ban`) is never offered: it would match the same.
/// Words of up to 5 bytes may be one edit away from the correction, longer ones two.
/// A word absent from the index is always looked at (as Xapian's QueryParser and
/// Elasticsearch's "missing" mode do); a rare word present in the index only when the
/// whole query matched as few documents as a rare word does (`query_matches` at most
/// 1/min_frequency_ratio of the collection): with many results, a correction matters
/// little, and the dictionary lookup was a fifth of a search's time. Even then, a present
/// word must be in at most one document in a thousand (at least one document): a word
/// that more documents use is a word of the collection, not a typo.
/// With Typing::partial, a last word that some indexed word begins is being typed, not
/// misspelt (`kasp`), and is left alone.
std::optional<DidYouMean> did_you_mean(const Xapian::Database& db, std::string_view q,
                                       Xapian::doccount query_matches,
                                       Typing typing = Typing::complete);

}  // namespace article_search::search
