/// @file Every input in fuzz/corpus/ (the seeds, and each crash fuzzing ever found, kept
/// as fuzz/corpus/<target>/crash-*) replayed through the same functions the fuzz targets
/// call, in the ordinary and the ASan+UBSan builds.
#include "article.h"
#include "corpus.h"
#include "document.h"
#include "query.h"
#include "render.h"
#include "search.h"
#include "server_fixture.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::filesystem::path> inputs_of(const char* target) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(FUZZ_CORPUS_DIR) / "corpus" / target)) {
    files.push_back(entry.path());
  }
  return files;
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("article inputs found by fuzzing parse, and index, without failing") {
  const auto files = inputs_of("article");
  REQUIRE(!files.empty());
  Xapian::TermGenerator generator = article_search::make_term_generator(nullptr);
  for (const auto& file : files) {
    CAPTURE(file);
    const std::string bytes = read(file);
    const auto text = article_search::parse_article_text(bytes);
    if (!text.date.empty()) CHECK(article_search::parse_iso_date(text.date));
    const auto entry = article_search::corpus::parse_file_bytes(bytes, "t/a.md", "t", "t/a.md");
    if (const auto* item = std::get_if<article_search::corpus::Item>(&entry)) {
      CHECK(!article_search::make_document(item->article, generator).get_data().empty());
    }
  }
}

TEST_CASE("JSON Lines inputs found by fuzzing are read or skipped with a reason") {
  const auto files = inputs_of("jsonl");
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    CAPTURE(file);
    const auto entry = article_search::corpus::parse_jsonl_record(read(file), "c", "f.jsonl:1");
    if (const auto* skipped = std::get_if<article_search::corpus::Skipped>(&entry)) {
      CHECK(!skipped->reason.empty());
    } else {
      const auto& article = std::get<article_search::corpus::Item>(entry).article;
      CHECK(article_search::safe_id(article.id) == article.id);
    }
  }
}

namespace {

/// The fuzz_search input format: the first line is q, every further line name=value.
article_search::search::Params params_of(std::string_view input) {
  article_search::search::Params params;
  const std::size_t first_end = std::min(input.find('\n'), input.size());
  params.emplace("q", std::string(input.substr(0, first_end)));
  for (std::size_t start = first_end + 1; start < input.size();) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    const std::string_view line = input.substr(start, end - start);
    if (const std::size_t equals = line.find('='); equals != std::string_view::npos) {
      params.emplace(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
    }
    start = end + 1;
  }
  return params;
}

}  // namespace

TEST_CASE("search requests found by fuzzing answer with valid JSON or a 400") {
  using namespace article_search;
  const auto files = inputs_of("search");
  REQUIRE(!files.empty());
  testing::TempDir dir;
  testing::index_into(dir / "db", testing::standard_inputs());
  Xapian::Database db((dir / "db").string());
  Xapian::QueryParser parser = search::make_parser(db, search::default_ranking);
  for (const auto& file : files) {
    CAPTURE(file);
    const auto parsed = search::parse_search_params(params_of(read(file)));
    if (const auto* error = std::get_if<search::ApiError>(&parsed)) {
      CHECK(error->status() == 400);
      continue;
    }
    try {
      const auto result = search::run_search(db, parser, std::get<search::SearchRequest>(parsed),
                                             search::default_ranking);
      CHECK(result.hits.size() <= static_cast<std::size_t>(result.limit));
      CHECK(nlohmann::json::accept(search::search_json(result)));
    } catch (const Xapian::QueryParserError&) {
      // a 400 invalid_query on the wire
    }
  }
}
