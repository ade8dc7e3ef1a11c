/// @file Rewriting the terms of a parsed query: the hook through which matching widens a
/// word beyond its one indexed form (other languages' stems, close spellings).
///
/// Xapian 1.4's Query exposes a node's type and subqueries but not the parameters of
/// OP_PHRASE, OP_NEAR (their window) or OP_SCALE_WEIGHT (its factor), so only the
/// parameterless operators the QueryParser builds around plain words are rebuilt; a
/// phrase, a proximity or a scaled subtree is kept exactly as parsed. Words in a phrase
/// are therefore never widened, which is also what typo tolerance wants.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace article_search::search {

/// What a term leaf becomes: a query to put in its place, or nothing to keep it. `leaf`
/// is the parsed leaf itself (keep it in the replacement to keep its wqf and position).
using TermWidener =
    std::function<std::optional<Xapian::Query>(const std::string& term, const Xapian::Query& leaf)>;

/// `query` with every term leaf outside phrases, proximity and scaled subtrees replaced as
/// `widen` says. Subtrees without a replacement are the same Query objects as before, so
/// a query `widen` leaves alone describes itself exactly as it did. Nesting deeper than
/// max_rewrite_depth is kept as it is (a query is user input).
Xapian::Query widen_terms(const Xapian::Query& query, const TermWidener& widen);

inline constexpr int max_rewrite_depth = 64;

/// A widener trying `first`, then `second` on the leaves `first` keeps; either may be empty.
TermWidener first_of(TermWidener first, TermWidener second);

/// A free-text term split into its field prefix ("" for plain words, "S" for `title:`,
/// "XB" for `body:`: schema::text_fields) and its word; nothing for any other term (the
/// boolean filters, ids). Pure.
struct TextTerm {
  std::string_view prefix, word;
};
std::optional<TextTerm> text_term(std::string_view term);

}  // namespace article_search::search
