/// @file Whole articles, "more like this", and completions for search-as-you-type.
#pragma once

#include "hits.h"
#include "ranking.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace article_search::search {

inline constexpr int max_similar = 20;
inline constexpr int max_suggestions = 20;

struct DocumentView {
  StoredArticle article;
  std::optional<std::string> body_html;  ///< with `q`: the body escaped, its matches marked
};

/// The article with this id (nothing when unknown). With a non-empty `q`, the body is
/// also returned as HTML with the query's terms marked.
std::optional<DocumentView> load_document(const Xapian::Database& db, Xapian::QueryParser& parser,
                                          const std::string& id, const std::string& q,
                                          const RankingConfig& config);

/// Up to `limit` articles most like the one with this id (nothing when it is unknown):
/// its most telling terms (Xapian's relevance feedback) searched, itself excluded.
std::optional<std::vector<Hit>> similar_documents(const Xapian::Database& db,
                                                  const std::string& id, int limit,
                                                  const RankingConfig& config);

/// `q` with its last word completed: up to `limit` completions, most frequent first,
/// from the spelling dictionary (unstemmed words as written in the articles).
std::vector<std::string> suggest_completions(const Xapian::Database& db, const std::string& q,
                                             int limit);

}  // namespace article_search::search
