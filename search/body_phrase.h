/// @file Phrases within `body:`, for an index whose body terms have no positions.
///
/// The body's prefixed terms (`XB`) are indexed without positions (schema::TextField,
/// format version 2): positions are kept once, in the unprefixed text. A phrase the
/// parser would build from `XB` terms (`body:"shut down"`, or a value it splits into a
/// phrase such as `body:e-mail`) would match nothing, so it is written, before parsing, as
/// the phrase in the unprefixed text with each of its words in the body:
///
///     body:"shut down"   →  ("shut down" AND body:shut AND body:down)
///     body:e-mail        →  ("e-mail" AND body:e AND body:mail)
///
/// That is exact unless the phrase stands only in the title while its words are also
/// apart in the body (docs/query-language.md). The operands of NEAR and ADJ lose their
/// `body:` (`body:x NEAR body:y` is `x NEAR y`): proximity is matched in the whole text.
/// Grouped values (`body:(a b)`) and single words are left as they are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::search {

/// Most body words one query's rewritten phrases add (each is a term of the query,
/// three times over: see max_query_terms); a longer phrase is checked on its first ones.
inline constexpr std::size_t max_body_phrase_words = 16;

/// The words a `body:` value is made of, as the query parser splits it: runs of word
/// bytes, keeping `.`, `'` and `&` between them (`U.S.`, `kaspersky's`, `AT&T`) and a
/// trailing `+` or `#` (`C++`). Pure.
std::vector<std::string> body_value_words(std::string_view value);

/// `text` with its `body:` phrases and NEAR/ADJ operands written as above. Pure.
std::string body_phrases_as_words(std::string_view text);

}  // namespace article_search::search
