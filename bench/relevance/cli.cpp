/// @file The article-eval command line.
#include "cli.h"

#include "article_engine.h"
#include "evaluation.h"
#include "fts5_engine.h"
#include "misspell.h"
#include "ranking_settings.h"

#include <xapian.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>

#ifndef ARTICLE_SEARCH_VERSION
#define ARTICLE_SEARCH_VERSION "dev"
#endif
#ifndef ARTICLE_SEARCH_CORPORA_DIR
#define ARTICLE_SEARCH_CORPORA_DIR "../shared/corpora"
#endif

namespace article_search::relevance {
namespace {

EvalCommand usage_error(std::string message) {
  EvalCommand command;
  command.kind = EvalCommand::Kind::usage_error;
  command.error = std::move(message);
  return command;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

bool known_collection(const std::string& name) {
  return name == "scifact" || name == "cranfield" || name == "time";
}

/// `NAME=VALUE` with VALUE a number in [0, 1].
bool parse_threshold(const std::string& text, std::map<std::string, double>& thresholds) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) return false;
  double value = -1;
  const char* first = text.data() + equals + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last || value < 0 || value > 1) return false;
  thresholds[text.substr(0, equals)] = value;
  return true;
}

Collection load(const EvalOptions& options, const std::string& name) {
  if (name == "scifact") return load_scifact(options.corpora / "scifact", options.split);
  if (name == "cranfield") return load_cranfield(options.corpora / "cranfield");
  return load_time(options.corpora / "time");
}

void write_run(const EvalOptions& options, const std::string& collection, const EngineResult& result) {
  if (options.runs.empty()) return;
  std::filesystem::create_directories(options.runs);
  const std::string tag = result.engine == "FTS5" ? "fts5" : "article-search";
  std::ofstream(options.runs / (collection + "." + tag + ".run")) << format_trec_run(result.run, tag);
}

/// Results ranked for the typo passes: nDCG@10 needs no more.
constexpr std::size_t typo_depth = 10;

double ndcg_at_10(Engine& engine, const Collection& collection) {
  return search_and_score(engine, collection, typo_depth).scores.mean.ndcg_at_10;
}

/// The clean and misspelled queries on an engine that indexed `collection`, with typo
/// tolerance as `options.ranking` says and off.
TypoReport evaluate_typos(ArticleEngine& engine, const EvalOptions& options,
                          const Collection& collection) {
  TypoReport report;
  report.collection = collection.name;
  report.queries = collection.queries.size();
  const Collection typos = misspelled(collection, options.typo_seed);
  for (std::size_t i = 0; i < typos.queries.size(); ++i) {
    if (typos.queries[i].text != collection.queries[i].text) ++report.misspelled;
  }
  report.clean_on = ndcg_at_10(engine, collection);
  report.misspelled_on = ndcg_at_10(engine, typos);
  search::RankingConfig off = options.ranking;
  off.typo_tolerance = false;
  engine.set_ranking(off);
  report.clean_off = ndcg_at_10(engine, collection);
  report.misspelled_off = ndcg_at_10(engine, typos);
  engine.set_ranking(options.ranking);
  std::fprintf(stderr, "%s: misspelled queries kept %.3f of nDCG@10 with typos on, %.3f off\n",
               collection.name.c_str(), report.kept(),
               report.clean_on > 0 ? report.misspelled_off / report.clean_on : 0.0);
  return report;
}

CollectionReport evaluate_collection(const EvalOptions& options, const std::string& name,
                                     std::vector<TypoReport>& typo_reports) {
  const Collection collection = load(options, name);
  CollectionReport report{collection.name, collection.docs.size(), collection.queries.size(), {}, {}};
  ArticleEngine ours(options.ranking);
  report.ours = evaluate(ours, collection, options.depth);
  write_run(options, collection.name, report.ours);
  if (options.typos) typo_reports.push_back(evaluate_typos(ours, options, collection));
  std::fprintf(stderr, "%s: article-search indexed in %.1f s, searched in %.1f s\n",
               collection.name.c_str(), report.ours.index_seconds, report.ours.search_seconds);
  if (options.peer) {
    Fts5Engine peer;
    report.peer = evaluate(peer, collection, options.depth);
    write_run(options, collection.name, *report.peer);
    std::fprintf(stderr, "%s: FTS5 indexed in %.1f s, searched in %.1f s\n",
                 collection.name.c_str(), report.peer->index_seconds, report.peer->search_seconds);
  }
  return report;
}

/// `ranking` with the comma-separated settings of `variant` applied; throws on a bad one.
search::RankingConfig with_variant(search::RankingConfig ranking, const std::string& variant) {
  for (const std::string& setting : split_list(variant)) {
    if (setting.empty()) continue;
    const std::string error = apply_setting(ranking, setting);
    if (!error.empty()) throw std::invalid_argument(error);
  }
  return ranking;
}

/// Indexes each collection once and prints one row per variant; with `typos`, also the
/// misspelled queries' nDCG@10 and what it keeps of the clean one's.
void run_variants(const EvalOptions& options) {
  std::printf("| collection | variant | nDCG@10 | MAP | Recall@100 | P@10 |%s\n|---|---|---:|---:|---:|---:|%s\n",
              options.typos ? " misspelled nDCG@10 | kept |" : "", options.typos ? "---:|---:|" : "");
  for (const std::string& name : options.collections) {
    const Collection collection = load(options, name);
    const Collection typos = options.typos ? misspelled(collection, options.typo_seed) : Collection{};
    ArticleEngine engine(options.ranking);
    engine.index(collection.docs);
    for (const std::string& variant : options.variants) {
      engine.set_ranking(with_variant(options.ranking, variant));
      const Measures mean = search_and_score(engine, collection, options.depth).scores.mean;
      std::printf("| %s | %s | %.4f | %.4f | %.4f | %.4f |", collection.name.c_str(),
                  variant.empty() ? "(defaults)" : variant.c_str(), mean.ndcg_at_10, mean.map,
                  mean.recall_at_100, mean.p_at_10);
      if (options.typos) {
        const double clean = ndcg_at_10(engine, collection), typo = ndcg_at_10(engine, typos);
        std::printf(" %.4f | %.3f |", typo, clean > 0 ? typo / clean : 0.0);
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  }
}

/// The typo gate: true when every collection keeps at least options.min_typo_ratio.
bool typo_gates_pass(const EvalOptions& options, const std::vector<TypoReport>& reports) {
  bool pass = true;
  for (const TypoReport& report : reports) {
    if (options.min_typo_ratio && report.kept() < *options.min_typo_ratio) {
      std::fprintf(stderr, "FAIL: %s misspelled queries keep %.4f of nDCG@10, below %.4f\n",
                   report.collection.c_str(), report.kept(), *options.min_typo_ratio);
      pass = false;
    }
  }
  return pass;
}

/// Checks every threshold; prints each failure. True when all pass.
bool gates_pass(const EvalOptions& options, const std::vector<CollectionReport>& reports) {
  bool pass = true;
  for (const auto& [name, minimum] : options.min_ndcg_at_10) {
    bool found = false;
    for (const CollectionReport& report : reports) {
      if (report.collection != name) continue;
      found = true;
      const double ndcg = report.ours.scores.mean.ndcg_at_10;
      if (ndcg < minimum) {
        std::fprintf(stderr, "FAIL: %s nDCG@10 %.4f is below %.4f\n", name.c_str(), ndcg, minimum);
        pass = false;
      }
    }
    if (!found) {
      std::fprintf(stderr, "FAIL: no collection %s was evaluated for its threshold\n", name.c_str());
      pass = false;
    }
  }
  return pass;
}

}  // namespace

std::string eval_usage_text() {
  return "Usage: article-eval [options]\n"
         "\n"
         "Indexes judged test collections with article-search (the project's indexer and\n"
         "search code) and with SQLite FTS5 bm25(), runs every judged query and prints\n"
         "nDCG@10, MAP, Recall@100 and P@10 (computed as trec_eval -c does) side by side.\n"
         "\n"
         "Options:\n"
         "  --corpora DIR          folder with scifact/, cranfield/, time/\n"
         "                         (default " ARTICLE_SEARCH_CORPORA_DIR ")\n"
         "  --collections LIST     comma-separated: scifact,cranfield,time (default all)\n"
         "  --split test|train     SciFact query split (default test; tune on train)\n"
         "  --no-peer              skip SQLite FTS5\n"
         "  --runs DIR             also write TREC run files there\n"
         "  --min-ndcg10 NAME=X    fail (exit 1) if article-search nDCG@10 on NAME (as\n"
         "                         printed, e.g. scifact-test) is below X; repeatable\n"
         "  --set NAME=VALUE       change one ranking setting (for tuning); repeatable.\n"
         "                         NAME is a RankingConfig field of search/ranking.h\n"
         "  --variant LIST         tuning: score the settings LIST (NAME=VALUE,...) on\n"
         "                         top of the others, one row each; repeatable (\"\" = as is)\n"
         "  --depth N              results ranked per query, 10 to 1000 (default 1000;\n"
         "                         lower is faster, but MAP becomes MAP@N)\n"
         "  --typos                also score misspelled queries (one typo in one word of\n"
         "                         5+ letters each), typo tolerance on and off\n"
         "  --typo-seed N          the misspellings' seed (default 20)\n"
         "  --min-typo-ratio X     fail (exit 1) if misspelled queries keep less than X of\n"
         "                         the clean nDCG@10 (typos on) on a collection; implies --typos\n"
         "  --help, --version\n";
}

EvalCommand parse_eval_command_line(const std::vector<std::string>& args) {
  EvalCommand command;
  EvalOptions& options = command.options;
  options.corpora = ARTICLE_SEARCH_CORPORA_DIR;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") return EvalCommand{EvalCommand::Kind::help, {}, {}};
    if (arg == "--version") return EvalCommand{EvalCommand::Kind::version, {}, {}};
    if (arg == "--no-peer") {
      options.peer = false;
      continue;
    }
    if (arg == "--typos") {
      options.typos = true;
      continue;
    }
    const bool takes_value = arg == "--corpora" || arg == "--collections" || arg == "--split" ||
                             arg == "--runs" || arg == "--min-ndcg10" || arg == "--set" ||
                             arg == "--depth" || arg == "--variant" || arg == "--typo-seed" ||
                             arg == "--min-typo-ratio";
    if (!takes_value) return usage_error("unknown option `" + arg + "`");
    if (i + 1 >= args.size()) return usage_error("option `" + arg + "` needs a value");
    const std::string& value = args[++i];
    if (arg == "--corpora") options.corpora = value;
    if (arg == "--runs") options.runs = value;
    if (arg == "--split") {
      if (value != "test" && value != "train") return usage_error("`--split` must be test or train, got `" + value + "`");
      options.split = value;
    }
    if (arg == "--collections") {
      options.collections = split_list(value);
      for (const std::string& name : options.collections) {
        if (!known_collection(name)) return usage_error("unknown collection `" + name + "`");
      }
    }
    if (arg == "--set") {
      const std::string error = apply_setting(options.ranking, value);
      if (!error.empty()) return usage_error(error);
    }
    if (arg == "--variant") {
      search::RankingConfig scratch;
      for (const std::string& setting : split_list(value)) {
        const std::string error = setting.empty() ? std::string() : apply_setting(scratch, setting);
        if (!error.empty()) return usage_error(error);
      }
      options.variants.push_back(value);
    }
    if (arg == "--depth") {
      std::size_t depth = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), depth);
      if (ec != std::errc() || end != value.data() + value.size() || depth < 10 || depth > max_ranked) {
        return usage_error("`--depth` must be an integer from 10 to 1000, got `" + value + "`");
      }
      options.depth = depth;
    }
    if (arg == "--typo-seed") {
      std::uint64_t seed = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return usage_error("`--typo-seed` must be a whole number, got `" + value + "`");
      }
      options.typo_seed = seed;
    }
    if (arg == "--min-typo-ratio") {
      std::map<std::string, double> ratio;
      if (!parse_threshold("ratio=" + value, ratio)) {
        return usage_error("`--min-typo-ratio` expects a number from 0 to 1, got `" + value + "`");
      }
      options.min_typo_ratio = ratio["ratio"];
      options.typos = true;
    }
    if (arg == "--min-ndcg10" && !parse_threshold(value, options.min_ndcg_at_10)) {
      return usage_error("`--min-ndcg10` expects NAME=X with X from 0 to 1, got `" + value + "`");
    }
  }
  return command;
}

int run_eval_command(const EvalCommand& command) {
  switch (command.kind) {
    case EvalCommand::Kind::help:
      std::cout << eval_usage_text();
      return 0;
    case EvalCommand::Kind::version:
      std::cout << "article-eval " ARTICLE_SEARCH_VERSION " (Xapian " << Xapian::version_string() << ")\n";
      return 0;
    case EvalCommand::Kind::usage_error:
      std::cerr << "article-eval: " << command.error << "\n" << eval_usage_text();
      return 2;
    case EvalCommand::Kind::run:
      break;
  }
  try {
    if (!command.options.variants.empty()) {
      run_variants(command.options);
      return 0;
    }
    std::vector<CollectionReport> reports;
    std::vector<TypoReport> typo_reports;
    for (const std::string& name : command.options.collections) {
      reports.push_back(evaluate_collection(command.options, name, typo_reports));
    }
    std::cout << format_table(reports);
    if (!typo_reports.empty()) std::cout << "\n" << format_typo_table(typo_reports);
    const bool pass = gates_pass(command.options, reports);
    return typo_gates_pass(command.options, typo_reports) && pass ? 0 : 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "article-eval: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "article-eval: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace article_search::relevance
