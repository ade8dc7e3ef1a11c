/// @file Every input in fuzz/corpus/ (the seeds, and each crash fuzzing ever found, kept
/// as fuzz/corpus/<target>/crash-*) replayed through the same functions the fuzz targets
/// call, in the ordinary and the ASan+UBSan builds.
#include "article_text.h"
#include "dates.h"
#include "corpus.h"
#include "document.h"
#include "query.h"
#include "render.h"
#include "request_reader.h"
#include "search.h"
#include "server_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
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
    if (!text.date.empty()) CHECK(article_search::dates::parse_iso_date(text.date));
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
    // The document API reads the same records, strictly: an article, or an error saying why.
    const auto record = article_search::corpus::parse_api_record(read(file), "fuzz/id");
    CHECK((record.article ? record.article->id == "fuzz/id" : !record.error.empty()));
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

namespace {

using article_search::server::RequestReader;

/// The fuzz_request reading: limits small enough that the seeds reach them, accept_body
/// as soon as the head is complete, pieces cut at `cuts`; returns the bytes taken.
constexpr article_search::server::RequestLimits fuzz_limits{256, 128, 1024, 8, 32};
constexpr std::uint64_t fuzz_max_body = 100;

std::size_t read_request(RequestReader& reader, std::string_view input, const std::vector<std::size_t>& cuts) {
  std::size_t taken = 0, start = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t end = i < cuts.size() ? cuts[i] : input.size();
    std::string_view piece = input.substr(start, end - start);
    start = end;
    while (true) {
      const std::size_t n = reader.feed(piece);
      CHECK(n <= piece.size());
      taken += n;
      piece.remove_prefix(std::min(n, piece.size()));
      if (reader.state() == RequestReader::State::head_done) {
        reader.accept_body(fuzz_max_body);
        continue;
      }
      if (reader.state() == RequestReader::State::done || reader.state() == RequestReader::State::refused) {
        CHECK(reader.feed(input.substr(taken)) == 0);
        return taken;
      }
      CHECK(piece.empty());
      break;
    }
  }
  return taken;
}

}  // namespace

TEST_CASE("request inputs found by fuzzing read the same in any pieces and keep the reader's promises") {
  using State = RequestReader::State;
  const auto files = inputs_of("request");
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    CAPTURE(file);
    const std::string input = read(file);
    const std::size_t size = input.size();
    const auto byte = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(input[i])); };
    const std::size_t seed = size == 0 ? 0 : size == 1 ? byte(0) : byte(0) * 256 + byte(1);
    std::vector<std::size_t> bytes;
    for (std::size_t i = 1; i < size; ++i) bytes.push_back(i);
    const std::vector<std::vector<std::size_t>> cuttings = {{}, {size == 0 ? 0 : seed % (size + 1)}, bytes};

    RequestReader whole(fuzz_limits);
    const std::size_t whole_taken = read_request(whole, input, {});
    CHECK(whole.body().size() <= fuzz_max_body);
    if (whole.state() == State::done && whole.head().has_body() &&
        whole.head().framing == article_search::server::BodyFraming::length) {
      CHECK(whole.body().size() == whole.head().content_length);
    }
    for (const auto& cuts : cuttings) {
      CAPTURE(cuts.size());
      RequestReader reader(fuzz_limits);
      CHECK(read_request(reader, input, cuts) == whole_taken);
      REQUIRE(reader.state() == whole.state());
      CHECK(reader.body() == whole.body());
      if (whole.state() == State::refused) {
        CHECK(reader.refusal().code == whole.refusal().code);
      } else if (whole.state() != State::head) {
        CHECK(reader.head().target == whole.head().target);
        CHECK(reader.head().headers.size() == whole.head().headers.size());
        CHECK(reader.head().keep_alive == whole.head().keep_alive);
      }
    }
  }
}
