/// @file Turning a matched document into a Hit: stored fields, marked title, snippet.
#include "hits.h"

#include "language.h"
#include "query.h"
#include "schema.h"

namespace article_search::search {
namespace sc = schema;
namespace {

/// A stored text field: empty means the article does not state it.
std::optional<std::string> known(std::string value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

Xapian::Stem& Highlighting::stemmer(const std::string& language) const {
  auto it = stemmers_.find(language);
  if (it == stemmers_.end()) it = stemmers_.emplace(language, language::folding_stemmer(language)).first;
  return it->second;
}

Xapian::Stem& Highlighting::stemmer_of(const Xapian::Document& doc) const {
  const std::string analysis = doc.get_value(sc::slot(sc::Slot::analysis));
  return stemmer(analysis.empty() ? std::string(sc::stem_language) : analysis);
}

Highlighting make_highlighting(const Xapian::Query& query,
                               const std::vector<std::string>& wildcard_prefixes, bool enabled) {
  Highlighting highlighting;
  if (!enabled) return highlighting;
  highlighting.title = terms_for_field(query, sc::prefix::title, wildcard_prefixes);
  highlighting.body = terms_for_field(query, sc::prefix::body, wildcard_prefixes);
  return highlighting;
}

std::optional<Article> read_stored(const Xapian::Document& doc) {
  return stored::decode(doc.get_data());
}

Hit make_hit(const Xapian::Document& doc, const Highlighting& highlighting) {
  Hit hit;
  auto stored = read_stored(doc);
  if (!stored) return hit;
  hit.id = std::move(stored->id);
  hit.title_text = std::move(stored->title);
  hit.title_derived = stored->title_derived;
  hit.source = std::move(stored->source);
  hit.path = std::move(stored->path);
  hit.date = known(std::move(stored->date));
  hit.url = known(std::move(stored->url));
  hit.section = known(std::move(stored->section));
  hit.language = known(std::move(stored->language));
  hit.authors = std::move(stored->authors);
  hit.tags = std::move(stored->tags);
  hit.story.id = story_id_of(doc);
  hit.copy_of = copy_of(doc);
  const Xapian::Stem& stemmer = highlighting.stemmer_of(doc);
  hit.title_matches = find_matches(hit.title_text, highlighting.title, stemmer);
  hit.title_html = mark_matches(hit.title_text, hit.title_matches);
  // Matches are looked for near the start of a huge body only (query.h).
  const std::string_view scanned = scan_prefix(stored->body, max_snippet_scan_bytes);
  // A derived title is the body's opening sentence: a snippet after it does not repeat it.
  const std::size_t title_end = hit.title_derived ? derived_title_end(scanned, hit.title_text) : 0;
  hit.snippet = make_snippet(scanned,
                             find_matches(scanned, highlighting.body, stemmer,
                                          max_snippet_matches),
                             snippet_bytes, title_end);
  return hit;
}

std::optional<Xapian::Document> find_document(const Xapian::Database& db, const std::string& id) {
  const std::string term = sc::id_term(id);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return db.get_document(*it);
}

}  // namespace article_search::search
