/// @file The stemming languages of a query.
#include "languages.h"

#include "language.h"
#include "schema.h"

#include <algorithm>
#include <utility>

namespace article_search::search {
namespace sc = schema;

QueryLanguages query_languages(const Xapian::Database& db, const std::vector<std::string>& asked) {
  std::vector<std::string> chosen;
  const auto add = [&chosen](std::string language) {
    if (chosen.size() < max_query_languages &&
        std::find(chosen.begin(), chosen.end(), language) == chosen.end()) {
      chosen.push_back(std::move(language));
    }
  };
  for (const std::string& tag : asked) {
    if (auto language = language::stemmer_language(tag)) add(std::move(*language));
  }
  if (chosen.empty()) {
    const std::string prefix(sc::prefix::analysis);
    std::vector<std::pair<Xapian::doccount, std::string>> present;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && present.size() < 64; ++it) {
      present.emplace_back(it.get_termfreq(), (*it).substr(prefix.size()));
    }
    std::stable_sort(present.begin(), present.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [count, language] : present) add(std::move(language));
  }
  if (chosen.empty()) add(sc::stem_language);
  QueryLanguages languages;
  languages.primary = chosen.front();
  languages.others.assign(chosen.begin() + 1, chosen.end());
  return languages;
}

TermWidener stem_widener(const Xapian::QueryParser& parser, const QueryLanguages& languages) {
  if (languages.others.empty()) return {};
  std::vector<Xapian::Stem> stemmers;
  for (const std::string& language : languages.others) stemmers.push_back(language::folding_stemmer(language));
  return [&parser, stemmers](const std::string& term, const Xapian::Query& leaf) mutable
         -> std::optional<Xapian::Query> {
    const std::optional<TextTerm> parts = text_term(term);
    if (!parts) return std::nullopt;
    std::vector<std::string> stems{std::string(parts->word)};
    // The parser tells the words as written: they are lower-cased as the indexer's are.
    for (auto word = parser.unstem_begin(term); word != parser.unstem_end(term); ++word) {
      const std::string lower = Xapian::Unicode::tolower(*word);
      for (Xapian::Stem& stemmer : stemmers) {
        std::string stem = stemmer(lower);
        if (!stem.empty() && std::find(stems.begin(), stems.end(), stem) == stems.end()) {
          stems.push_back(std::move(stem));
        }
      }
    }
    if (stems.size() == 1) return std::nullopt;
    std::vector<Xapian::Query> alternatives{leaf};
    for (std::size_t i = 1; i < stems.size(); ++i) {
      alternatives.emplace_back(std::string(parts->prefix) + stems[i]);
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  };
}

}  // namespace article_search::search
