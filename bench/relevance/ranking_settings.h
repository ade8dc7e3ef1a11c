/// @file `--set NAME=VALUE`: changing one RankingConfig value for an evaluation run, so
/// every tuning figure in docs/relevance.md can be reproduced with one command line.
#pragma once

#include "ranking.h"

#include <string>

namespace article_search::relevance {

/// Sets the named field of `config` from `value`. Names are the RankingConfig field names
/// (bm25_k1, bm25_b, and_boost, use_stopwords, ...); default_operator takes
/// or_with_and_boost, plain_or or all_words; booleans take true/false. Returns an error
/// message, empty on success. Pure.
std::string apply_setting(search::RankingConfig& config, const std::string& assignment);

/// The names apply_setting accepts, for the usage text.
std::string setting_names();

}  // namespace article_search::relevance
