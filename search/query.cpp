/// @file The query language: parser configuration, parsing with an Omega-style fallback.
#include "query.h"

#include "language.h"
#include "body_phrase.h"
#include "schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace article_search::search {
namespace sc = schema;
namespace {

/// A short English stopword list (the common function words of Lucene's and Snowball's
/// lists): dropped from plain queries so long questions are not dominated by them.
constexpr std::array<const char*, 48> stopwords = {
    "a",    "an",   "and",  "are",   "as",   "at",   "be",    "but",  "by",    "did",
    "do",   "does", "for",  "from",  "had",  "has",  "have",  "how",  "if",    "in",
    "into", "is",   "it",   "its",   "of",   "on",   "or",    "such", "that",  "the",
    "their", "then", "there", "these", "they", "this", "to",  "was",  "were",  "what",
    "when", "where", "which", "who",  "why",  "will", "with", "would"};

/// Most neighbour pairs a proximity boost adds (bounds the work of a long query).
constexpr std::size_t max_proximity_pairs = 32;

constexpr unsigned parse_flags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_WILDCARD;

/// A byte of a word as the budget and the highlighter see it: ASCII letters and digits,
/// and any byte of a UTF-8 sequence.
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

/// The free-text terms of `query` (no field prefix), in query order.
std::vector<std::string> free_text_terms(const Xapian::Query& query) {
  std::vector<std::string> terms;
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    const std::string term = *it;
    if (sc::is_free_text_term(term)) terms.push_back(term);
  }
  return terms;
}

/// OR of `op` (OP_PHRASE or OP_NEAR, within `window`) over each pair of neighbouring
/// distinct terms, at most max_proximity_pairs of them; empty for fewer than two terms.
Xapian::Query neighbour_pairs(const std::vector<std::string>& terms, Xapian::Query::op op,
                              Xapian::termcount window) {
  std::vector<Xapian::Query> pairs;
  for (std::size_t i = 0; i + 1 < terms.size() && pairs.size() < max_proximity_pairs; ++i) {
    if (terms[i] == terms[i + 1]) continue;
    const Xapian::Query both[] = {Xapian::Query(terms[i]), Xapian::Query(terms[i + 1])};
    pairs.emplace_back(op, std::begin(both), std::end(both), window);
  }
  return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

/// `query`, with extra weight for documents where neighbouring query words stand close.
Xapian::Query with_proximity(Xapian::Query query, const std::vector<std::string>& terms,
                             const RankingConfig& config) {
  const auto boost = [&](Xapian::Query::op op, Xapian::termcount window, double weight) {
    if (weight <= 0) return;
    const Xapian::Query pairs = neighbour_pairs(terms, op, window);
    if (pairs.empty()) return;
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, pairs, weight));
  };
  boost(Xapian::Query::OP_PHRASE, config.phrase_pair_window, config.phrase_pair_weight);
  boost(Xapian::Query::OP_NEAR, config.near_pair_window, config.near_pair_weight);
  return query;
}

/// Plain words as the config says: OR, AND, or OR with a boost for all-words documents.
Xapian::Query combine_words(Xapian::QueryParser& parser, const std::string& searched,
                            unsigned flags, const RankingConfig& config, const TermWidener& widen) {
  const std::string text = body_phrases_as_words(searched);
  const auto parse = [&](const std::string& prefix = {}) {
    return widen_terms(parser.parse_query(text, flags, prefix), widen);
  };
  const bool all_words = config.default_operator == DefaultOperator::all_words;
  parser.set_default_op(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  const Xapian::Query parsed = parser.parse_query(text, flags);
  // The proximity pairs are of the words as parsed, not of their widened forms.
  const std::vector<std::string> terms = free_text_terms(parsed);
  Xapian::Query query = widen_terms(parsed, widen);
  if (config.default_operator == DefaultOperator::or_with_and_boost && config.and_boost > 0) {
    parser.set_default_op(Xapian::Query::OP_AND);
    const Xapian::Query every = parse();
    if (every.get_description() != query.get_description()) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, every, config.and_boost));
    }
  }
  parser.set_default_op(Xapian::Query::OP_OR);
  query = with_proximity(std::move(query), terms, config);
  if (config.title_boost > 0 && !query.empty()) {
    const Xapian::Query title = parse(std::string(sc::prefix::title));
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, config.title_boost));
  }
  return query;
}

/// Cuts `parsed.searched` to the budget and gives the parser each wildcard's share of the
/// expansion budget (the parser is the caller's own; every parse sets it afresh).
void apply_budget(Xapian::QueryParser& parser, ParsedQuery& parsed, const RankingConfig& config,
                  Typing typing) {
  // The word being typed expands like a wildcard: it takes one of the places.
  const std::size_t typed = typing == Typing::partial ? 1 : 0;
  BudgetedText fitted = fit_query_budget(parsed.searched, max_query_wildcards - typed);
  parsed.searched = std::move(fitted.text);
  parsed.wildcards = fitted.wildcards + typed;
  parsed.expansion_per_wildcard = expansion_share(parsed.wildcards, config.wildcard_expansion_limit);
  parser.set_max_expansion(parsed.expansion_per_wildcard, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  if (fitted.cut_words) parsed.budget_exceeded.push_back(budget::words);
  if (fitted.cut_wildcards) parsed.budget_exceeded.push_back(budget::wildcards);
}

/// `parsed.searched` with the config's synonyms expanded, noting which were in `parsed`.
std::string with_synonyms(ParsedQuery& parsed, const RankingConfig& config, Typing typing) {
  parsed.synonyms.clear();
  if (config.synonyms == nullptr) return parsed.searched;
  ExpandedText expanded = expand_synonyms(parsed.searched, *config.synonyms, typing == Typing::partial);
  parsed.synonyms = std::move(expanded.used);
  auto& exceeded = parsed.budget_exceeded;
  if (expanded.cut && std::find(exceeded.begin(), exceeded.end(), budget::synonyms) == exceeded.end()) {
    exceeded.push_back(budget::synonyms);
  }
  return std::move(expanded.text);
}

/// `author:"Jane Doe"`: a filter on a folded field, matched whatever the case.
class FoldedFilter : public Xapian::FieldProcessor {
 public:
  explicit FoldedFilter(const sc::FilterField& field) : field_(field) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(sc::filter_term(field_, value));
  }

 private:
  const sc::FilterField& field_;
};

}  // namespace

Xapian::QueryParser make_parser(const Xapian::Database& db, const RankingConfig& config) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(language::folding_stemmer(sc::stem_language));
  parser.set_stemming_strategy(sc::query_stemming);
  for (const sc::TextField& field : sc::text_fields) {
    parser.add_prefix(std::string(field.name), std::string(field.prefix));
  }
  for (const sc::FilterField& field : sc::filter_fields) {
    const std::string name(field.query_name);
    if (field.folded) {
      parser.add_boolean_prefix(name, (new FoldedFilter(field))->release());
    } else {
      parser.add_boolean_prefix(name, std::string(field.prefix));
    }
  }
  // Values in the date slot are "YYYYMMDD", which is what DateRangeProcessor compares.
  parser.add_rangeprocessor(
      (new Xapian::DateRangeProcessor(sc::slot(sc::Slot::date), "date:"))->release());
  parser.set_max_expansion(config.wildcard_expansion_limit,
                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  if (config.use_stopwords) {
    parser.set_stopper(
        (new Xapian::SimpleStopper(stopwords.begin(), stopwords.end()))->release());
  }
  return parser;
}

std::string strip_operators(std::string_view text) {
  std::string spaced;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    spaced += (u < 0x80 && std::ispunct(u)) ? ' ' : c;
  }
  std::string out, kept_operators;
  std::size_t i = 0;
  while (i < spaced.size()) {
    if (spaced[i] == ' ' || std::isspace(static_cast<unsigned char>(spaced[i]))) {
      ++i;
      continue;
    }
    const std::size_t end = std::min(spaced.find_first_of(" \t\r\n\f\v", i), spaced.size());
    const std::string_view word(spaced.data() + i, end - i);
    std::string& target = sc::is_operator_word(word) ? kept_operators : out;
    if (!target.empty()) target += ' ';
    target += word;
    i = end;
  }
  if (!out.empty()) return out;
  // Nothing but operator words: search them as ordinary (lower-case) words.
  for (char& c : kept_operators) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kept_operators;
}

std::vector<std::string> wildcard_prefixes(std::string_view text) {
  std::vector<std::string> prefixes;
  for (std::size_t star = text.find('*'); star != std::string_view::npos;
       star = text.find('*', star + 1)) {
    std::size_t start = star;
    while (start > 0 && is_word_byte(text[start - 1])) --start;
    if (start == star) continue;
    std::string word(text.substr(start, star - start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Each once: the highlighter tries every prefix on every word of a body.
    if (std::find(prefixes.begin(), prefixes.end(), word) == prefixes.end()) {
      prefixes.push_back(std::move(word));
    }
  }
  return prefixes;
}

namespace {

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_word_byte(text[i]) && (i == 0 || !is_word_byte(text[i - 1]))) ++words;
  }
  return words;
}

bool is_stopword(std::string_view word) {
  return std::find(stopwords.begin(), stopwords.end(), word) != stopwords.end();
}

/// Whether `name` is a field of the query language (a `name:` before a value).
bool is_field_name(std::string_view name) {
  if (name == "date") return true;
  for (const sc::TextField& field : sc::text_fields) {
    if (field.name == name) return true;
  }
  for (const sc::FilterField& field : sc::filter_fields) {
    if (field.query_name == name) return true;
  }
  return false;
}

}  // namespace

const std::vector<const char*>& english_stopwords() {
  static const std::vector<const char*> words(stopwords.begin(), stopwords.end());
  return words;
}

bool uses_query_syntax(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(text[i])) {
      if (text[i] == '*' && i > 0 && is_word_byte(text[i - 1])) return true;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    const std::string_view word = text.substr(start, i - start);
    const bool own_word = (start == 0 || std::isspace(static_cast<unsigned char>(text[start - 1])) ||
                           text[start - 1] == '(') &&
                          (i == text.size() || std::isspace(static_cast<unsigned char>(text[i])) ||
                           text[i] == ')' || text[i] == '/');
    if (own_word && sc::is_operator_word(word)) return true;
    if (i < text.size() && text[i] == ':' && is_field_name(word)) return true;
  }
  return false;
}

RarestWords keep_rarest_words(std::string_view text, std::size_t max_words,
                              const std::function<Xapian::doccount(const std::string& word)>& frequency,
                              const RankingConfig& config) {
  const std::string plain = strip_operators(text);
  std::vector<std::string> words;
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < plain.size();) {
    if (std::isspace(static_cast<unsigned char>(plain[i]))) {
      ++i;
      continue;
    }
    const std::size_t end = std::min(plain.find_first_of(" \t\r\n\f\v", i), plain.size());
    std::string word = Xapian::Unicode::tolower(plain.substr(i, end - i));
    i = end;
    if (config.use_stopwords && is_stopword(word)) continue;
    if (seen.emplace(word, words.size()).second) words.push_back(std::move(word));
  }
  RarestWords rarest;
  std::vector<std::size_t> order(words.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (words.size() > max_words) {
    std::vector<Xapian::doccount> rarity(words.size());
    for (std::size_t w = 0; w < words.size(); ++w) {
      const Xapian::doccount found = frequency(words[w]);
      rarity[w] = found == 0 ? std::numeric_limits<Xapian::doccount>::max() : found;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rarity[a] < rarity[b]; });
    order.resize(max_words);
    std::sort(order.begin(), order.end());
    rarest.cut = true;
  }
  for (std::size_t w : order) {
    if (!rarest.text.empty()) rarest.text += ' ';
    rarest.text += words[w];
  }
  return rarest;
}

BudgetedText fit_query_budget(std::string_view text, std::size_t max_wildcards) {
  BudgetedText fitted;
  std::size_t words = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool starts_word = is_word_byte(c) && (i == 0 || !is_word_byte(text[i - 1]));
    if (starts_word && ++words > max_query_words) {
      fitted.cut_words = true;
      break;
    }
    if (c == '*' && i > 0 && is_word_byte(text[i - 1])) {
      if (fitted.wildcards < max_wildcards) {
        ++fitted.wildcards;
      } else {
        fitted.cut_wildcards = true;
        fitted.text += ' ';  // the word is searched as a plain word
        continue;
      }
    }
    fitted.text += c;
  }
  // A cut must not leave an operator dangling (`a OR`): the parser would reject the
  // query, and the relaxed retry searches the words without their wildcards.
  for (int dropped = 0; fitted.cut_words && dropped < 2; ++dropped) {
    std::string& t = fitted.text;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    const std::size_t space = t.find_last_of(" \t\r\n");
    const std::size_t start = space == std::string::npos ? 0 : space + 1;
    const std::string_view last(t.data() + start, t.size() - start);
    if (!sc::is_operator_word(last)) break;
    t.resize(start);
  }
  return fitted;
}

Xapian::termcount expansion_share(std::size_t wildcards, Xapian::termcount per_wildcard) {
  if (wildcards == 0) return per_wildcard;
  const auto share = static_cast<Xapian::termcount>(max_query_expansion / wildcards);
  return std::clamp<Xapian::termcount>(share, 1, per_wildcard);
}

QueryShape query_shape(const Xapian::Query& query) {
  QueryShape shape;
  // Explicit stack, bounded: the parser's trees are shallow, but a query is user input.
  std::vector<Xapian::Query> pending{query};
  for (std::size_t visited = 0; !pending.empty() && visited < 100000; ++visited) {
    const Xapian::Query node = pending.back();
    pending.pop_back();
    const auto type = node.get_type();
    if (type == Xapian::Query::LEAF_TERM) ++shape.terms;
    if (type == Xapian::Query::OP_WILDCARD) {
      ++shape.terms;
      ++shape.wildcards;
    }
    for (std::size_t i = 0; i < node.get_num_subqueries(); ++i) pending.push_back(node.get_subquery(i));
  }
  return shape;
}

std::string lower_if_all_caps(std::string_view text) {
  bool plain_word = false;  // an upper-case word that is not an operator
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view word = text.substr(start, i - start);
    if (word.empty()) {
      ++i;
      continue;
    }
    for (char c : word) {
      if (c >= 'a' && c <= 'z') return std::string(text);
    }
    plain_word = plain_word || !sc::is_operator_word(word);
  }
  std::string lowered(text);
  // Only operators ("AND"): leave them to the parser, whose fallback reads them as words.
  if (!plain_word) return lowered;
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

std::string split_hyphenated(std::string_view text) {
  std::string split(text);
  std::size_t token_start = 0;
  while (token_start < split.size()) {
    const std::size_t token_end = std::min(split.find_first_of(" \t\r\n", token_start), split.size());
    const std::string_view token(split.data() + token_start, token_end - token_start);
    // Field and range syntax (`date:2024-07-01..2024-07-31`) keeps its hyphens.
    const bool syntax = token.find(':') != std::string_view::npos || token.find("..") != std::string_view::npos;
    for (std::size_t i = token_start + 1; !syntax && i + 1 < token_end; ++i) {
      const char before = split[i - 1], after = split[i + 1];
      if (split[i] == '-' && is_word_byte(before) && is_word_byte(after)) {
        split[i] = ' ';
      }
    }
    token_start = token_end + 1;
  }
  return split;
}

ParsedQuery parse_user_query(Xapian::QueryParser& parser, std::string_view text,
                             const RankingConfig& config, Typing typing, const QueryContext& context) {
  const TermWidener& widen = context.widen;
  const unsigned typing_flags = typing == Typing::partial ? Xapian::QueryParser::FLAG_PARTIAL : 0;
  // The word being typed is highlighted like `word*` (a trailing `*` after a space or a
  // quote marks nothing).
  const auto highlighted_prefixes = [typing](const std::string& searched) {
    return wildcard_prefixes(typing == Typing::partial ? searched + '*' : searched);
  };
  ParsedQuery parsed;
  parsed.searched = std::string(text.substr(0, max_query_bytes));
  if (config.all_caps_as_words) parsed.searched = lower_if_all_caps(parsed.searched);
  if (config.split_hyphenated_words) parsed.searched = split_hyphenated(parsed.searched);
  if (is_blank(parsed.searched)) {
    parsed.match_all = true;
    // A fresh match-all query, never a copy of the global Xapian::Query::MatchAll: Xapian's
    // reference counts are not atomic, so worker threads copying that one object race on
    // its count and free it under each other (found by ASan in the reindex burst test).
    parsed.query = Xapian::Query(std::string());
    parsed.searched.clear();
    return parsed;
  }
  // A pasted paragraph: its rarest words say what it is about.
  if (count_words(parsed.searched) > max_query_words && !uses_query_syntax(parsed.searched)) {
    Xapian::Stem stemmer = language::folding_stemmer(context.language);
    const auto frequency = [&](const std::string& word) -> Xapian::doccount {
      return context.db != nullptr ? context.db->get_termfreq(stemmer(word)) : 1;
    };
    RarestWords rarest = keep_rarest_words(parsed.searched, max_query_words, frequency, config);
    parsed.searched = std::move(rarest.text);
    if (rarest.cut) parsed.budget_exceeded.push_back(budget::words);
  }
  apply_budget(parser, parsed, config, typing);
  try {
    parsed.query = combine_words(parser, with_synonyms(parsed, config, typing), parse_flags | typing_flags, config,
                                 widen);
    parsed.wildcard_prefixes = highlighted_prefixes(parsed.searched);
    return parsed;
  } catch (const Xapian::QueryParserError&) {
    // Omega's recovery: the user meant words, not operators.
  }
  parsed.relaxed = true;
  parsed.searched = strip_operators(parsed.searched);
  const std::string expanded = with_synonyms(parsed, config, typing);
  // The expansion's brackets, ORs and quotes are then the only syntax in the text.
  const unsigned synonym_flags = parsed.synonyms.empty() ? 0U : Xapian::QueryParser::FLAG_BOOLEAN |
                                                                   Xapian::QueryParser::FLAG_PHRASE;
  parsed.query = combine_words(parser, expanded, typing_flags | synonym_flags, config, widen);
  parsed.wildcard_prefixes = highlighted_prefixes(parsed.searched);
  return parsed;
}

}  // namespace article_search::search
