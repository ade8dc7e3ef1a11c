/// @file `--set NAME=VALUE`: changing one RankingConfig value for an evaluation run.
#include "ranking_settings.h"

#include <charconv>
#include <optional>

namespace article_search::relevance {
namespace {

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0 ||
      value > 1000) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

struct SchemeName {
  const char* name;
  search::WeightingScheme scheme;
};

constexpr SchemeName scheme_names[] = {
    {"bm25", search::WeightingScheme::bm25},
    {"bm25_plus", search::WeightingScheme::bm25_plus},
    {"lm_dirichlet", search::WeightingScheme::lm_dirichlet},
    {"dlh", search::WeightingScheme::dlh},
    {"dph", search::WeightingScheme::dph},
    {"pl2", search::WeightingScheme::pl2},
    {"inl2", search::WeightingScheme::inl2},
    {"ifb2", search::WeightingScheme::ifb2},
    {"ineb2", search::WeightingScheme::ineb2},
    {"bb2", search::WeightingScheme::bb2},
};

std::optional<search::WeightingScheme> parse_scheme(const std::string& text) {
  for (const SchemeName& known : scheme_names) {
    if (text == known.name) return known.scheme;
  }
  return std::nullopt;
}

std::string scheme_list() {
  std::string list;
  for (const SchemeName& known : scheme_names) list += (list.empty() ? "" : ", ") + std::string(known.name);
  return list;
}

std::optional<search::DefaultOperator> parse_operator(const std::string& text) {
  if (text == "or_with_and_boost") return search::DefaultOperator::or_with_and_boost;
  if (text == "plain_or") return search::DefaultOperator::plain_or;
  if (text == "all_words") return search::DefaultOperator::all_words;
  return std::nullopt;
}

struct NumberField {
  const char* name;
  double search::RankingConfig::*field;
};

constexpr NumberField number_fields[] = {
    {"bm25_k1", &search::RankingConfig::bm25_k1},
    {"bm25_k2", &search::RankingConfig::bm25_k2},
    {"bm25_k3", &search::RankingConfig::bm25_k3},
    {"bm25_b", &search::RankingConfig::bm25_b},
    {"bm25_min_normlen", &search::RankingConfig::bm25_min_normlen},
    {"bm25plus_delta", &search::RankingConfig::bm25plus_delta},
    {"lm_mu", &search::RankingConfig::lm_mu},
    {"dfr_c", &search::RankingConfig::dfr_c},
    {"and_boost", &search::RankingConfig::and_boost},
    {"phrase_pair_weight", &search::RankingConfig::phrase_pair_weight},
    {"near_pair_weight", &search::RankingConfig::near_pair_weight},
    {"title_boost", &search::RankingConfig::title_boost},
    {"prf_original_weight", &search::RankingConfig::prf_original_weight},
    {"typo_weight", &search::RankingConfig::typo_weight},
    {"typo_rare_ratio", &search::RankingConfig::typo_rare_ratio},
};

struct CountField {
  const char* name;
  Xapian::termcount search::RankingConfig::*field;
  unsigned minimum;
};

constexpr CountField count_fields[] = {
    {"phrase_pair_window", &search::RankingConfig::phrase_pair_window, 1},
    {"near_pair_window", &search::RankingConfig::near_pair_window, 1},
    {"wildcard_expansion_limit", &search::RankingConfig::wildcard_expansion_limit, 1},
    {"prf_docs", &search::RankingConfig::prf_docs, 0},
    {"prf_terms", &search::RankingConfig::prf_terms, 0},
    {"typo_rare_docs", &search::RankingConfig::typo_rare_docs, 0},
};

struct BoolField {
  const char* name;
  bool search::RankingConfig::*field;
};

constexpr BoolField bool_fields[] = {
    {"use_stopwords", &search::RankingConfig::use_stopwords},
    {"all_caps_as_words", &search::RankingConfig::all_caps_as_words},
    {"split_hyphenated_words", &search::RankingConfig::split_hyphenated_words},
    {"typo_tolerance", &search::RankingConfig::typo_tolerance},
};

}  // namespace

std::string apply_setting(search::RankingConfig& config, const std::string& assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos) return "expected NAME=VALUE, got `" + assignment + "`";
  const std::string name = assignment.substr(0, equals);
  const std::string value = assignment.substr(equals + 1);
  for (const NumberField& number : number_fields) {
    if (name != number.name) continue;
    const auto parsed = parse_number(value);
    if (!parsed) return "`" + name + "` must be a number from 0 to 1000, got `" + value + "`";
    config.*number.field = *parsed;
    return {};
  }
  for (const CountField& count : count_fields) {
    if (name != count.name) continue;
    const auto parsed = parse_number(value);
    if (!parsed || *parsed < count.minimum ||
        *parsed != static_cast<double>(static_cast<unsigned>(*parsed))) {
      return "`" + name + "` must be a whole number from " + std::to_string(count.minimum) +
             " to 1000, got `" + value + "`";
    }
    config.*count.field = static_cast<Xapian::termcount>(*parsed);
    return {};
  }
  for (const BoolField& flag : bool_fields) {
    if (name != flag.name) continue;
    const auto parsed = parse_bool(value);
    if (!parsed) return "`" + name + "` must be true or false, got `" + value + "`";
    config.*flag.field = *parsed;
    return {};
  }
  if (name == "weighting") {
    const auto parsed = parse_scheme(value);
    if (!parsed) return "`weighting` must be one of " + scheme_list() + ", got `" + value + "`";
    config.weighting = *parsed;
    return {};
  }
  if (name == "default_operator") {
    const auto parsed = parse_operator(value);
    if (!parsed) return "`default_operator` must be or_with_and_boost, plain_or or all_words";
    config.default_operator = *parsed;
    return {};
  }
  return "unknown ranking setting `" + name + "` (known: " + setting_names() + ")";
}

std::string setting_names() {
  std::string names;
  for (const NumberField& number : number_fields) names += std::string(number.name) + ", ";
  for (const CountField& count : count_fields) names += std::string(count.name) + ", ";
  for (const BoolField& flag : bool_fields) names += std::string(flag.name) + ", ";
  return names + "weighting, default_operator";
}

}  // namespace article_search::relevance
