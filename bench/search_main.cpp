/// @file bench-search: the project's search in-process (search_core, no HTTP), one thread,
/// top 10 with snippets, facets and spelling as the server computes them.
///
///   bench-search DB QUERIES RUNS [all-words] [timeline] [boost] [synonyms=FILE]
///                [misspelled] [no-typos]
///
/// `all-words` combines plain words with AND, as FTS5 does, instead of the server's
/// default (OR with a boost for documents holding every word). `timeline` asks each
/// search for timeline=auto as well; `boost` for boost=recent (half life 30 days).
/// `synonyms=FILE` expands the queries' words with the rules of FILE, as
/// article-server --synonyms does. `misspelled` makes one typo in one word of 5+
/// letters of each query (bench/relevance/misspell.h, seeded); `no-typos` searches
/// with typo tolerance off. The typo lexicon is shared across searches as the server
/// shares it.
#include "latency.h"
#include "misspell.h"
#include "query_mix.h"
#include "search.h"
#include "server_query.h"
#include "query.h"
#include "synonyms.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) try {
  using namespace article_search;
  const std::vector<std::string> args(argv + 1, argv + argc);
  int runs = 0;
  const auto flag = [&](std::string_view name) {
    return std::find(args.begin() + std::min<std::size_t>(3, args.size()), args.end(), name) != args.end();
  };
  const bool all_words = flag("all-words"), timeline = flag("timeline"), boost = flag("boost");
  const bool misspelled = flag("misspelled"), no_typos = flag("no-typos");
  std::string synonyms_file;
  for (std::size_t i = 3; i < args.size(); ++i) {
    if (args[i].starts_with("synonyms=")) synonyms_file = args[i].substr(9);
  }
  const bool with_synonyms = !synonyms_file.empty();
  if (args.size() < 3 ||
      args.size() != 3u + all_words + timeline + boost + with_synonyms + misspelled + no_typos ||
      std::from_chars(args[2].data(), args[2].data() + args[2].size(), runs).ec != std::errc() ||
      runs < 1 || runs > 1000) {
    std::fputs("Usage: bench-search DB QUERIES RUNS(1-1000) [all-words] [timeline] [boost] "
               "[synonyms=FILE] [misspelled] [no-typos]\n", stderr);
    return 2;
  }
  search::RankingConfig config = search::default_ranking;
  if (all_words) config.default_operator = search::DefaultOperator::all_words;
  search::Synonyms synonyms;
  if (with_synonyms) {
    auto loaded = search::load_synonyms(synonyms_file);
    if (const auto* error = std::get_if<std::string>(&loaded)) {
      std::fprintf(stderr, "bench-search: %s\n", error->c_str());
      return 1;
    }
    synonyms = std::move(std::get<search::Synonyms>(loaded));
    config.synonyms = &synonyms;
  }
  if (no_typos) config.typo_tolerance = false;
  search::TypoLexicons lexicons;
  Xapian::Database db(args[0]);
  Xapian::QueryParser parser = search::make_parser(db, config);
  const auto queries = bench::read_query_mix(args[1]);
  bench::Latencies latencies;
  std::size_t hits = 0;
  std::vector<std::string> texts;
  for (bench::Query q : queries) {
    if (misspelled) {  // the words only, not the syntax around them (`title:`)
      std::string words;
      for (const std::string& word : q.words) words += (words.empty() ? "" : " ") + word;
      const std::string key = std::to_string(texts.size());
      words = relevance::misspell(words, key, relevance::default_typo_seed).text;
      q.words.clear();
      for (std::size_t start = 0; start <= words.size();) {
        const std::size_t space = std::min(words.find(' ', start), words.size());
        q.words.push_back(words.substr(start, space - start));
        start = space + 1;
      }
    }
    texts.push_back(bench::server_q(q));
  }
  for (int run = 0; run < runs; ++run) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto& q = queries[i];
      const auto started = std::chrono::steady_clock::now();
      search::SearchRequest request;
      request.q = texts[i];
      request.limit = 10;
      if (timeline) request.timeline = search::TimelineAsk::automatic;
      if (boost) request.boost = search::RecencyBoost{};
      if (!q.filter_source.empty()) search::filter_values(request, "source") = {q.filter_source};
      hits += search::run_search(db, parser, request, config, {}, &lexicons).hits.size();
      latencies.add(std::chrono::steady_clock::now() - started);
    }
  }
  std::printf("%s hits %zu\n", latencies.summary().c_str(), hits);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-search: %s\n", e.what());
  return 1;
} catch (const Xapian::Error& e) {
  std::fprintf(stderr, "bench-search: %s\n", e.get_description().c_str());
  return 1;
}
