/// @file Whole articles, "more like this", and completions for search-as-you-type.
#pragma once

#include "hits.h"
#include "ranking.h"
#include "topology.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace article_search::search {

inline constexpr int max_similar = 20;
inline constexpr int max_suggestions = 20;

struct DocumentView {
  Article article;
  std::optional<std::string> body_html;  ///< with `q`: the body escaped, its matches marked
  StoryInfo story;
  std::optional<std::string> copy_of;
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

/// `q` split before its last word; the word is lower-cased.
struct LastWord {
  std::string before;
  std::string word;
};
LastWord split_last_word(const std::string& q);

/// The completed queries for (frequency, word) candidates of the last word: most frequent
/// first, ties in the given order, at most `limit`.
std::vector<std::string> rank_completions(
    std::vector<std::pair<Xapian::doccount, std::string>> found, const std::string& before,
    int limit);

/// `q` with its last word completed: up to `limit` completions, most frequent first,
/// from the spelling dictionary (unstemmed words as written in the articles).
std::vector<std::string> suggest_completions(const Xapian::Database& db, const std::string& q,
                                             int limit);

/// `q` with its last word completed from the index's unprefixed terms (the stemmed
/// words), most frequent first: what suggest can offer without spelling data.
std::vector<std::string> complete_from_terms(const Xapian::Database& db, const std::string& q,
                                             int limit);

struct Suggestions {
  std::vector<std::string> completions;
  std::vector<std::string_view> warnings;  ///< warning:: texts (search.h), empty normally
};

/// Completions of `q` from the spelling dictionary, or from the index terms (with a
/// warning) where `can` says there is none.
Suggestions suggest(const Xapian::Database& db, const std::string& q, int limit,
                    const topology::Capabilities& can);

}  // namespace article_search::search
