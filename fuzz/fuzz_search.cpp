/// @file Fuzz target: a whole search request, the way GET /api/search runs it —
/// parameters → parse_search_params → run_search → to_json → dump — over a small fixed
/// index built once at start-up (the bundled corpus/ and the escaping fixture) in a
/// temporary folder.
///
/// Input: the first line is `q`; every further line `name=value` is one more parameter
/// (repeatable, as in a query string), so the fuzzer reaches paging, sort and filters too.
#include "indexer.h"
#include "query.h"
#include "render.h"
#include "search.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace {

namespace fs = std::filesystem;
using namespace article_search;

class Quiet : public indexer::Reporter {
 public:
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

struct Index {
  fs::path dir;
  Xapian::Database db;
  Xapian::QueryParser parser;
};

Index* the_index = nullptr;

void remove_index() {
  if (!the_index) return;
  std::error_code ec;
  fs::remove_all(the_index->dir, ec);
}

Index* build_index() {
  std::string pattern = (fs::temp_directory_path() / "article-search-fuzz-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  auto* index = new Index{pattern, {}, {}};
  const fs::path source = ARTICLE_SEARCH_SOURCE_DIR;
  indexer::Options options;
  options.db = index->dir / "db";
  options.inputs = {source / "corpus", source / "tests" / "data" / "escaping"};
  Quiet quiet;
  indexer::run(options, quiet);
  index->db = Xapian::Database(options.db.string());
  index->parser = search::make_parser(index->db, search::default_ranking);
  return index;
}

search::Params params_of(std::string_view input) {
  search::Params params;
  const std::size_t first_end = std::min(input.find('\n'), input.size());
  params.emplace("q", std::string(input.substr(0, first_end)));
  std::size_t start = first_end + 1;
  while (start < input.size()) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    const std::string_view line = input.substr(start, end - start);
    const std::size_t equals = line.find('=');
    if (equals != std::string_view::npos) {
      params.emplace(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
    }
    start = end + 1;
  }
  return params;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  the_index = build_index();
  std::atexit(remove_index);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = search::parse_search_params(params_of(input));
  std::string body;
  if (const auto* error = std::get_if<search::ApiError>(&parsed)) {
    if (error->status() != 400) std::abort();
    body = search::dump(search::to_json(*error));
  } else {
    try {
      const auto result = search::run_search(the_index->db, the_index->parser,
                                             std::get<search::SearchRequest>(parsed),
                                             search::default_ranking);
      if (result.hits.size() > static_cast<std::size_t>(result.limit)) std::abort();
      body = search::search_json(result);
    } catch (const Xapian::QueryParserError& e) {
      body = search::dump(search::to_json(search::ApiError{search::ErrorCode::invalid_query,
                                                           e.get_msg(), "q"}));
    }
  }
  // What goes on the wire is always valid JSON (invalid UTF-8 in q is replaced).
  if (!nlohmann::json::accept(body)) std::abort();
  return 0;
}
