/// @file Turning a matched document into a Hit: stored fields, marked title, snippet.
#pragma once

#include "search.h"
#include "stored.h"

#include <xapian.h>

#include <map>
#include <optional>
#include <string>

namespace article_search::search {

/// What to highlight in titles and bodies (empty terms: nothing is marked), and the
/// stemmers to find it with: each article's words are stemmed in its own language.
class Highlighting {
 public:
  MatchTerms title, body;
  /// The stemmer of an analysis language (format/language.h), made once per language.
  Xapian::Stem& stemmer(const std::string& language) const;
  /// The stemmer `doc` was indexed with.
  Xapian::Stem& stemmer_of(const Xapian::Document& doc) const;

 private:
  mutable std::map<std::string, Xapian::Stem> stemmers_;
};

/// The highlighting for a parsed query (`enabled` false: mark nothing).
Highlighting make_highlighting(const Xapian::Query& query,
                               const std::vector<std::string>& wildcard_prefixes, bool enabled);

/// The stored fields of a document (its JSON data). Nothing when the data is unreadable.
std::optional<Article> read_stored(const Xapian::Document& doc);

/// A hit for `doc` (score, percent and rank are left for the caller).
Hit make_hit(const Xapian::Document& doc, const Highlighting& highlighting);

/// Finds the document with this article id. Nothing when there is none.
std::optional<Xapian::Document> find_document(const Xapian::Database& db, const std::string& id);

}  // namespace article_search::search
