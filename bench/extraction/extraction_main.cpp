/// @file bench-extraction: main_text over saved pages, scored against hand-marked bodies.
///   bench-extraction --pages DIR --truth FILE [--min-f1 X] [--worst N] [--dump DIR]
/// DIR holds <id>.html, FILE is {"<id>": {"articleBody": "...", "url": "..."}}. Prints the
/// number of pages, precision, recall and F1, then the N worst pages; exits 1 when F1 is
/// below --min-f1, 2 on a usage or input error. --dump writes each page's text to DIR/<id>.txt.
#include "html_page.h"
#include "main_text.h"
#include "shingle_score.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using article_search::bench::PageMatch;

struct Options {
  fs::path pages, truth, dump;
  double min_f1 = 0;
  std::size_t worst = 0;
};

struct PageResult {
  std::string id, url;
  PageMatch match;
  double f1() const {
    const double p = article_search::bench::page_precision(match);
    const double r = article_search::bench::page_recall(match);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "bench-extraction: " << problem << "\n"
            << "Usage: bench-extraction --pages DIR --truth FILE [--min-f1 X] [--worst N]"
               " [--dump DIR]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage("missing value after " + arg);
    const std::string value = argv[++i];
    try {
      if (arg == "--pages") options.pages = value;
      else if (arg == "--truth") options.truth = value;
      else if (arg == "--dump") options.dump = value;
      else if (arg == "--min-f1") options.min_f1 = std::stod(value);
      else if (arg == "--worst") options.worst = std::stoul(value);
      else usage("unknown option " + arg);
    } catch (const std::logic_error&) {
      usage("not a number: " + value);
    }
  }
  if (options.pages.empty() || options.truth.empty()) usage("--pages and --truth are required");
  return options;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

PageResult score_page(const Options& options, const std::string& id, const nlohmann::json& truth) {
  namespace ingest = article_search::ingest;
  const std::string text = ingest::main_text(ingest::HtmlPage::parse(read_file(options.pages / (id + ".html"))));
  if (!options.dump.empty()) std::ofstream(options.dump / (id + ".txt"), std::ios::binary) << text;
  PageResult result;
  result.id = id;
  result.url = truth.value("url", "");
  result.match = article_search::bench::match_shingles(truth.value("articleBody", ""), text);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  nlohmann::json truth;
  try {
    truth = nlohmann::json::parse(read_file(options.truth));
  } catch (const nlohmann::json::exception& e) {
    usage("bad JSON in " + options.truth.string() + ": " + e.what());
  }
  if (!options.dump.empty()) fs::create_directories(options.dump);
  std::vector<PageResult> results;
  for (const auto& [id, entry] : truth.items()) results.push_back(score_page(options, id, entry));
  std::vector<PageMatch> matches;
  for (const auto& result : results) matches.push_back(result.match);
  const auto scores = article_search::bench::aggregate(matches);
  std::printf("pages %zu\nprecision %.3f\nrecall %.3f\nF1 %.3f\n", results.size(),
              scores.precision, scores.recall, scores.f1);
  std::sort(results.begin(), results.end(),
            [](const PageResult& a, const PageResult& b) { return a.f1() < b.f1(); });
  for (std::size_t i = 0; i < std::min(options.worst, results.size()); ++i)
    std::printf("worst %.3f P %.3f R %.3f %s %s\n", results[i].f1(),
                article_search::bench::page_precision(results[i].match),
                article_search::bench::page_recall(results[i].match), results[i].id.c_str(),
                results[i].url.c_str());
  if (scores.f1 < options.min_f1) {
    std::printf("F1 %.3f is below --min-f1 %.3f\n", scores.f1, options.min_f1);
    return 1;
  }
  return 0;
}
