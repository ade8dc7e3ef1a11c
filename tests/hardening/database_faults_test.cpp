/// @file The database missing or corrupt: at start the server says so and exits non-zero
/// (no crash, no hang); lost while serving, /health answers 503 and the API 503
/// index_unavailable, and both recover when the index is back.
#include "server_fixture.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

namespace {
using namespace article_search::testing;

struct Outcome {
  int exit_status = -1;  ///< -1: killed by a signal or did not finish
  std::string output;
};

/// Runs article-server on `db` (port 0) with a 20 s bound, capturing stdout and stderr.
Outcome run_server_on(const std::filesystem::path& db) {
  const std::string command = "timeout -s KILL 20 " + std::string(ARTICLE_SERVER_PATH) + " --port 0 --db '" +
                              db.string() + "' 2>&1";
  Outcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) outcome.output.append(buffer, got);
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  return outcome;
}

void check_refused(const std::filesystem::path& db) {
  const Outcome outcome = run_server_on(db);
  CAPTURE(outcome.output);
  CHECK(outcome.exit_status == 1);
  CHECK(outcome.output.find("cannot open the database") != std::string::npos);
  CHECK(outcome.output.find("serving") == std::string::npos);
  for (const char* crash : {"Aborted", "Segmentation", "AddressSanitizer", "terminate called"}) {
    CHECK(outcome.output.find(crash) == std::string::npos);
  }
}

void overwrite(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::filesystem::path generation_of(const std::filesystem::path& db) {
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("gen-", 0) == 0) return entry.path();
  }
  FAIL("no generation folder in " << db);
  return {};
}

}  // namespace

TEST_CASE("a missing, empty or corrupt database stops the server at start with a clear message") {
  TempDir dir;
  SUBCASE("missing") { check_refused(dir / "nothing-here"); }
  SUBCASE("empty folder") {
    std::filesystem::create_directories(dir / "empty");
    check_refused(dir / "empty");
  }
  SUBCASE("a plain file") { check_refused(dir.write("file", "not a database\n")); }
  SUBCASE("stub pointing at a missing generation") {
    dir.write("db/XAPIANDB", "glass gen-9\n");
    check_refused(dir / "db");
  }
  SUBCASE("garbage stub") {
    dir.write("db/XAPIANDB", std::string("\x00\xff garbage \x01", 12));
    check_refused(dir / "db");
  }
  SUBCASE("corrupt version file") {
    index_into(dir / "db", standard_inputs());
    overwrite(generation_of(dir / "db") / "iamglass", "this is not a glass version file");
    check_refused(dir / "db");
  }
  SUBCASE("truncated tables") {
    index_into(dir / "db", standard_inputs());
    const auto generation = generation_of(dir / "db");
    for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
      std::filesystem::resize_file(generation / table, 0);
    }
    check_refused(dir / "db");
  }
}

TEST_CASE("a server that loses its database reports unhealthy, then recovers") {
  RunningServer server;
  REQUIRE(server.get_json("/health").at("status") == "ok");
  std::filesystem::remove_all(server.db());

  const auto health = server.get_json("/health", 503);
  CHECK(health.at("status") == "unavailable");
  const auto search = server.get_json("/api/search?q=kaspersky", 503);
  CHECK(search.at("error").at("code") == "index_unavailable");
  CHECK(search.dump().find(server.db().string()) == std::string::npos);  // no file paths

  index_into(server.db(), standard_inputs());
  CHECK(server.get_json("/health").at("status") == "ok");
  CHECK(!server.get_json("/api/search?q=kaspersky").at("hits").empty());
}

TEST_CASE("an indexer killed before its first commit leaves a folder the next run accepts") {
  TempDir dir;
  // What a first run leaves when SIGKILLed before writing its stub: a half-written
  // generation and perhaps the temporary stub.
  dir.write("db/gen-1/postlist.glass", std::string(8192, '\0'));
  dir.write("db/gen-1/flintlock", "");
  dir.write("db/XAPIANDB.tmp", "glass gen-1\n");
  check_refused(dir / "db");  // not a database yet: the server says so
  const auto summary = index_into(dir / "db", standard_inputs());
  CHECK(summary.added == 6);
  CHECK(Xapian::Database((dir / "db").string()).get_doccount() == 6);

  // Anything else in the folder is still never overwritten.
  TempDir other;
  other.write("db/notes.txt", "mine\n");
  other.write("db/gen-1/x", "");
  CHECK_THROWS_AS(index_into(other / "db", standard_inputs()), std::runtime_error);
}
