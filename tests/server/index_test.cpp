/// @file What --db may point at, and what happens when the index goes away.
#include "server_fixture.h"

#include <fstream>

namespace {
using article_search::testing::ExistingDatabase;
using article_search::testing::index_into;
using article_search::testing::RunningServer;
using article_search::testing::source_dir;
using article_search::testing::TempDir;
}  // namespace

TEST_CASE("a stub file listing several databases is searched as one") {
  TempDir dir;
  index_into(dir / "news", {source_dir() / "corpus"});
  index_into(dir / "fixtures", {source_dir() / "tests" / "data" / "escaping"});
  const auto stub = dir.write("all.stub", "auto " + (dir / "news").string() + "\nauto " +
                                              (dir / "fixtures").string() + "\n");
  RunningServer server(ExistingDatabase{stub});
  CHECK(server.get_json("/api/search?q=")["total"]["value"] == 6);
  CHECK(server.get_json("/api/search?q=alert")["hits"][0]["id"] == "hostile");
  CHECK(server.get_json("/api/documents/hostile")["source"] == "escaping");
  CHECK(server.get_json("/health")["documents"] == 6);
}

TEST_CASE("an index that disappears gives 503 index_unavailable, and health says so") {
  TempDir dir;
  index_into(dir / "db", {source_dir() / "corpus"});
  RunningServer server(ExistingDatabase{dir / "db"});
  CHECK(server.get_json("/api/search?q=kaspersky")["total"]["value"] == 5);
  std::filesystem::remove_all(dir / "db");
  CHECK(server.get_json("/api/search?q=kaspersky", 503) ==
        nlohmann::json::parse(R"({"error":{"code":"index_unavailable","message":"The index is unavailable."}})"));
  CHECK(server.get_json("/health", 503)["status"] == "unavailable");
  // It comes back without a restart.
  index_into(dir / "db", {source_dir() / "corpus"});
  CHECK(server.get_json("/api/search?q=kaspersky")["total"]["value"] == 5);
}
