/// @file Turning an Article into a Xapian document, following schema.h: the terms and
/// values the search reads, and the stored data (stored.h).
#pragma once

#include "article.h"
#include "schema.h"

#include <xapian.h>

#include <string>
#include <string_view>

namespace article_search {

/// Told which parts of a document feed the spelling dictionary as they are indexed: the
/// indexer counts the words of the unprefixed text in bulk (its SpellingCounter).
class SpellingSwitch {
 public:
  virtual ~SpellingSwitch() = default;
  virtual void set_counting(bool on) = 0;
};

/// A checksum of everything indexed for the article (and of the schema version), so an
/// incremental run can tell an unchanged article from an edited one.
std::string article_checksum(const Article& article);

/// Builds the document: the unprefixed text of schema::text_fields (title and body, each
/// with its wdf), then each under its prefix (with positions where the field keeps them);
/// the id term; each of schema::filter_fields as a boolean term and a slot value; the date's
/// terms and slots; the checksum; the stored data. The text is stemmed in the article's
/// analysis language (language.h; `fallback_language` when it states none and none is
/// detected), recorded in a term and a slot. With `spelling`, it is switched on for the
/// unprefixed text only.
Xapian::Document make_document(const Article& article, Xapian::TermGenerator& generator,
                               SpellingSwitch* spelling = nullptr,
                               std::string_view fallback_language = schema::stem_language);

/// A TermGenerator configured as the schema requires. With `spelling_db`, words are also
/// added to the database's spelling dictionary (for "did you mean").
Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase* spelling_db);

}  // namespace article_search
