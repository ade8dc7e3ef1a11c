/// @file Turning an Article into a Xapian document, following schema.h.
#pragma once

#include "article.h"
#include "spelling_counter.h"

#include <xapian.h>

#include <string>

namespace article_search {

/// A checksum of everything indexed for the article (and of the schema version), so an
/// incremental run can tell an unchanged article from an edited one.
std::string article_checksum(const Article& article);

/// Builds the document: free-text terms with positions for the title (prefix S, and
/// unprefixed with weight schema::title_wdf) and the body (prefix XB, and unprefixed),
/// boolean terms for id, source and date, values for sorting and facets, and the stored
/// fields (stored::encode). `generator` carries the stemmer (and the database, for spelling data);
/// with `spelling` (attached to `generator`), the words of title and body are counted.
Xapian::Document make_document(const Article& article, Xapian::TermGenerator& generator,
                               SpellingCounter* spelling = nullptr);

/// A TermGenerator configured as the schema requires. With `spelling_db`, words are also
/// added to the database's spelling dictionary (for "did you mean").
Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase* spelling_db);

}  // namespace article_search
