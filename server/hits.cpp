/// @file Turning a matched document into a Hit: stored fields, marked title, snippet.
#include "hits.h"

#include "schema.h"

#include <nlohmann/json.hpp>

namespace article_search::search {
namespace sc = schema;

Highlighting make_highlighting(const Xapian::Query& query,
                               const std::vector<std::string>& wildcard_prefixes, bool enabled) {
  Highlighting highlighting{{}, {}, Xapian::Stem(sc::stem_language)};
  if (!enabled) return highlighting;
  highlighting.title = terms_for_field(query, sc::prefix::title, wildcard_prefixes);
  highlighting.body = terms_for_field(query, sc::prefix::body, wildcard_prefixes);
  return highlighting;
}

std::optional<StoredArticle> read_stored(const Xapian::Document& doc) {
  const nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
  if (!data.is_object()) return std::nullopt;
  const auto text = [&](const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  StoredArticle article;
  article.id = text(sc::stored::id);
  article.title = text(sc::stored::title);
  article.date = text(sc::stored::date);
  article.source = text(sc::stored::source);
  article.body = text(sc::stored::body);
  article.path = text(sc::stored::path);
  const auto derived = data.find(sc::stored::title_derived);
  article.title_derived = derived != data.end() && derived->is_boolean() && derived->get<bool>();
  return article;
}

Hit make_hit(const Xapian::Document& doc, const Highlighting& highlighting) {
  Hit hit;
  const auto stored = read_stored(doc);
  if (!stored) return hit;
  hit.id = stored->id;
  hit.title_text = stored->title;
  hit.title_derived = stored->title_derived;
  hit.source = stored->source;
  hit.path = stored->path;
  if (!stored->date.empty()) hit.date = stored->date;
  hit.title_matches = find_matches(hit.title_text, highlighting.title, highlighting.stemmer);
  hit.title_html = mark_matches(hit.title_text, hit.title_matches);
  hit.snippet = make_snippet(stored->body,
                             find_matches(stored->body, highlighting.body, highlighting.stemmer));
  return hit;
}

std::optional<Xapian::Document> find_document(const Xapian::Database& db, const std::string& id) {
  const std::string term = sc::id_term(id);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return db.get_document(*it);
}

}  // namespace article_search::search
