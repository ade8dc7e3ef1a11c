/// @file The same searches over one database and over 3 shards (local folders, several
/// --db options, remote xapian-tcpsrv shards) give the same answers; a failed shard gives
/// a prompt 503 shard_unavailable.
#include "shard_fixture.h"

#include "schema.h"
#include "shard_notes.h"
#include "layout.h"
#include "search.h"

#include <cmath>
#include <fstream>
#include <map>
#include <set>

namespace {
namespace fs = std::filesystem;
using namespace article_search::testing;
using nlohmann::json;

constexpr unsigned shard_count = 3;
constexpr std::size_t articles_per_category = 60;

/// ../shared/corpora/bbc-news beside the checkout (one level further up from a worktree).
fs::path bbc_news_dir() {
  for (fs::path base = source_dir().parent_path(); !base.empty() && base != base.root_path();
       base = base.parent_path()) {
    const fs::path candidate = base / "shared" / "corpora" / "bbc-news";
    if (fs::is_directory(candidate)) return candidate;
  }
  throw std::runtime_error("cannot find shared/corpora/bbc-news above " + source_dir().string());
}

/// corpus/ and the first articles of each bbc-news category, indexed once as one database
/// and once as 3 shards.
struct Indexes {
  TempDir dir;
  fs::path single = dir / "single", sharded = dir / "sharded";
  std::vector<fs::path> shard_paths;

  Indexes() {
    const fs::path bbc = bbc_news_dir();
    for (const auto& category : fs::directory_iterator(bbc)) {
      if (!category.is_directory()) continue;
      std::vector<fs::path> files;
      for (const auto& file : fs::directory_iterator(category.path())) files.push_back(file.path());
      std::sort(files.begin(), files.end());
      files.resize(std::min(files.size(), articles_per_category));
      for (const auto& file : files) {
        fs::create_directories(dir / "bbc" / category.path().filename());
        fs::copy_file(file, dir / "bbc" / category.path().filename() / file.filename());
      }
    }
    const std::vector<fs::path> inputs = {source_dir() / "corpus", dir / "bbc"};
    index_shards(single, inputs, 0);
    index_shards(sharded, inputs, shard_count);
    for (unsigned i = 0; i < shard_count; ++i) {
      shard_paths.push_back(sharded / article_search::layout::shard_folder(i, shard_count));
    }
  }
};

Indexes& indexes() {
  static Indexes built;
  return built;
}

fs::path write_stub(const fs::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& line : lines) out << line << "\n";
  return path;
}

/// Hits that tie (same score, and same date when sorting by date) may come in either
/// order: Xapian breaks ties by document id, and shards number documents differently.
std::string tie_key(const json& hit, bool by_date) {
  char score[64];
  std::snprintf(score, sizeof score, "%.9g", hit["score"].get<double>());
  return (by_date ? hit["date"].dump() : "") + "|" + score;
}

/// Checks that `got` answers like `want`: totals, facets, and hits in the same order
/// (ties as sets), scores within 1e-9, and the same snippets.
void check_same_hits(const json& a, const json& b, bool by_date, bool complete) {
  REQUIRE(a.size() == b.size());
  std::map<std::string, const json*> by_id;
  for (const auto& hit : b) by_id[hit["id"]] = &hit;
  std::size_t start = 0;
  while (start < a.size()) {
    std::size_t end = start;
    while (end < a.size() && tie_key(a[end], by_date) == tie_key(a[start], by_date)) ++end;
    std::set<std::string> want_ids, got_ids;
    for (std::size_t i = start; i < end; ++i) {
      const double x = a[i]["score"], y = b[i]["score"];
      CHECK(std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x)));
      CHECK(a[i]["percent"] == b[i]["percent"]);
      want_ids.insert(a[i]["id"]);
      got_ids.insert(b[i]["id"]);
    }
    // The last group may be cut by the page in a different place: only complete pages
    // must hold the same tied ids.
    if (end < a.size() || complete) CHECK(want_ids == got_ids);
    start = end;
  }
  for (const auto& hit : a) {
    const auto it = by_id.find(hit["id"]);
    if (it == by_id.end()) continue;
    CHECK((*it->second)["snippet"] == hit["snippet"]);
    CHECK((*it->second)["title"] == hit["title"]);
    CHECK((*it->second)["date"] == hit["date"]);
  }
}

void check_same_answer(const json& want, const json& got, bool by_date) {
  CHECK(got["total"] == want["total"]);
  CHECK(got["facets"] == want["facets"]);
  CHECK(got["query"] == want["query"]);
  check_same_hits(want["hits"], got["hits"], by_date,
                  want["total"]["value"].get<std::size_t>() ==
                      want["offset"].get<std::size_t>() + want["hits"].size());
}

/// ~20 searches: words, phrases, fields, operators, wildcards, filters, sorts, pages.
struct Search {
  std::string target;
  bool by_date = false;   ///< sorted by date: ties are hits with the same date and score
  bool wildcard = false;  ///< see check_same_matches
  bool oldest = false;
};
const std::vector<Search> searches = {
    {"/api/search?q=kaspersky&limit=50"},
    {"/api/search?q=government%20plans&limit=100"},
    {"/api/search?q=%22prime%20minister%22&limit=100"},
    {"/api/search?q=title:election&limit=100"},
    {"/api/search?q=body:market%20shares&limit=100"},
    {"/api/search?q=music%20OR%20film&limit=100"},
    {"/api/search?q=economy%20-oil&limit=100"},
    {"/api/search?q=elect*&limit=100", false, true},
    {"/api/search?q=phone%20NEAR%20mobile&limit=100"},
    {"/api/search?q=games%20AND%20technology&limit=100"},
    {"/api/search?q=government&offset=20&limit=10"},
    {"/api/search?q=bank&source=business&limit=100"},
    {"/api/search?q=club%20OR%20team&source=sport&source=entertainment&limit=100"},
    {"/api/search?q=security&year=2024&limit=100"},
    {"/api/search?q=ban&from=2024-01-01&to=2024-12-31&limit=100"},
    {"/api/search?q=source:tech%20broadband&limit=100"},
    {"/api/search?q=&limit=100", true},
    {"/api/search?q=company&sort=newest&limit=100", true},
    {"/api/search?q=company&sort=oldest&limit=100", true, false, true},
    {"/api/search?q=AND%20storm&limit=100"},
    {"/api/search?q=kaspersky%20bans&highlight=false&limit=10"},
};

/// Same total, facets and matching articles, whatever their order.
void check_same_matches(const json& want, const json& got) {
  CHECK(got["total"] == want["total"]);
  CHECK(got["facets"] == want["facets"]);
  std::set<std::string> want_ids, got_ids;
  for (const auto& hit : want["hits"]) want_ids.insert(hit["id"]);
  for (const auto& hit : got["hits"]) got_ids.insert(hit["id"]);
  if (want["total"]["value"] == want["hits"].size()) CHECK(want_ids == got_ids);
}

void check_all_searches(const InProcessServer& single, const InProcessServer& sharded, bool remote) {
  using article_search::search::warning::no_did_you_mean;
  using article_search::search::warning::oldest_undated_first;
  for (const Search& search : searches) {
    INFO(search.target);
    const json want = single.get_json(search.target);
    json got = sharded.get_json(search.target);
    CHECK(want["total"]["value"].get<int>() > 0);
    if (remote) {
      json warnings = json::array({no_did_you_mean});
      // A rare word typo tolerance would look up is searched as written there, and said so.
      if (want["query"].contains("typos") || got["warnings"].size() > (search.oldest ? 2U : 1U)) {
        warnings.push_back(article_search::search::warning::no_typos);
      }
      if (search.oldest) warnings.push_back(oldest_undated_first);
      CHECK(got["warnings"] == warnings);
      got.erase("warnings");
    } else {
      CHECK_FALSE(got.contains("warnings"));
      CHECK(got["did_you_mean"] == want["did_you_mean"]);
    }
    // Xapian 1.4 expands a wildcard in each shard on its own, with that shard's
    // statistics: the same articles match, ranked a little differently.
    if (search.wildcard) {
      check_same_matches(want, got);
    } else if (search.oldest && remote) {
      check_same_matches(want, got);
      CHECK(got["hits"][0]["date"].is_null());  // undated first (see the warning)
    } else {
      check_same_answer(want, got, search.by_date);
    }
  }
}

void check_documents(const InProcessServer& single, const InProcessServer& sharded) {
  for (const std::string id : {"business/001", "tech/010", "004_8f0669f797f6f4f0"}) {
    INFO(id);
    // Stories too: the shards are grouped together (sharded_run.h).
    CHECK(sharded.get_json("/api/documents/" + id + "?q=company") ==
          single.get_json("/api/documents/" + id + "?q=company"));
    // "More like this" picks its terms by relevance feedback, which Xapian 1.4 weights
    // with statistics that differ over shards: the same number of other articles, not
    // necessarily the same ones.
    const json want = single.get_json("/api/similar/" + id + "?limit=10")["hits"];
    const json got = sharded.get_json("/api/similar/" + id + "?limit=10")["hits"];
    CHECK(got.size() == want.size());
    for (const auto& hit : got) CHECK(hit["id"] != id);
  }
  CHECK(sharded.get("/api/documents/no-such-id").first == 404);
}

}  // namespace

TEST_SUITE("shards") {
  TEST_CASE("every article is in exactly the shard its id hashes to") {
    auto& built = indexes();
    Xapian::Database single(built.single.string());
    Xapian::doccount total = 0;
    for (unsigned i = 0; i < shard_count; ++i) {
      Xapian::Database shard(built.shard_paths[i].string());
      total += shard.get_doccount();
      CHECK(shard.get_doccount() > 0);
      for (auto term = shard.allterms_begin("Q"); term != shard.allterms_end("Q"); ++term) {
        const std::string id = (*term).substr(1);
        CHECK(article_search::schema::fnv1a64(id) % shard_count == i);
      }
    }
    CHECK(total == single.get_doccount());
    CHECK(single.get_doccount() == 5 + 5 * articles_per_category);
  }

  TEST_CASE("local shards (the sharded folder, or one --db per shard) rank as one database") {
    auto& built = indexes();
    const InProcessServer single(server_options({built.single}));
    const InProcessServer folder(server_options({built.sharded}));
    check_all_searches(single, folder, false);
    check_documents(single, folder);
    CHECK(folder.get_json("/api/suggest?q=gov") == single.get_json("/api/suggest?q=gov"));
    const json misspelt = folder.get_json("/api/search?q=goverment");
    INFO(misspelt.dump());
    CHECK(misspelt["did_you_mean"] == single.get_json("/api/search?q=goverment")["did_you_mean"]);
    CHECK(misspelt["did_you_mean"].is_object());

    const InProcessServer several(server_options(built.shard_paths));
    check_all_searches(single, several, false);
    const json health = several.get_json("/health");
    CHECK(health["status"] == "ok");
    CHECK(health["documents"] == single.get_json("/health")["documents"]);
    REQUIRE(health["shards"].size() == shard_count);
    for (const auto& shard : health["shards"]) CHECK(shard["status"] == "ok");
  }

  TEST_CASE("remote shards served by xapian-tcpsrv rank as one database") {
    auto& built = indexes();
    std::vector<std::unique_ptr<TcpShardServer>> tcp;
    std::vector<std::string> lines;
    for (const auto& path : built.shard_paths) {
      tcp.push_back(std::make_unique<TcpShardServer>(path));
      lines.push_back("remote " + tcp.back()->address());
    }
    const fs::path stub = write_stub(built.dir / "remote.stub", lines);
    const InProcessServer single(server_options({built.single}));
    const InProcessServer remote(server_options({stub}));
    check_all_searches(single, remote, true);
    check_documents(single, remote);

    // No spelling data over the remote backend: the answers say what is missing.
    const json misspelt = remote.get_json("/api/search?q=goverment");
    CHECK(misspelt["did_you_mean"].is_null());
    CHECK(misspelt["warnings"] == json::array({article_search::search::warning::no_did_you_mean,
                                               article_search::search::warning::no_typos}));
    const json suggest = remote.get_json("/api/suggest?q=the%20gov");
    CHECK(suggest["warnings"] == json::array({article_search::search::warning::suggest_from_terms}));
    REQUIRE_FALSE(suggest["suggestions"].empty());
    for (const auto& s : suggest["suggestions"]) CHECK(s.get<std::string>().rfind("the gov", 0) == 0);

    const json health = remote.get_json("/health");
    CHECK(health["status"] == "ok");
    CHECK(health["documents"] == single.get_json("/health")["documents"]);

    // A mix: one local shard and two remote ones.
    const fs::path mixed = write_stub(built.dir / "mixed.stub",
                                      {"auto " + built.shard_paths[0].string(), lines[1], lines[2]});
    const InProcessServer mix(server_options({mixed}));
    check_all_searches(single, mix, true);
  }
}
