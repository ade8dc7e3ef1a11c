/// @file The index on disk: the stub parser, and what a folder's stub says it is.
#include "layout.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

using namespace article_search::layout;
namespace fs = std::filesystem;

namespace {

/// The shard count a stub text lists for folder /d, if it is a shard list.
std::optional<unsigned> count_of(const std::string& text) {
  try {
    return shard_count_of(parse_stub(text, "/d", "stub"), "/d");
  } catch (const StubError&) {
    return std::nullopt;
  }
}

}  // namespace

TEST_SUITE("format") {
  TEST_CASE("a shard list round-trips and nothing else reads as one") {
    CHECK(shard_stub_text(2) == "auto shard-0-of-2\nauto shard-1-of-2\n");
    CHECK(count_of(shard_stub_text(3)) == 3u);
    CHECK_FALSE(count_of("glass gen-3\n"));
    CHECK_FALSE(count_of("auto shard-0-of-3\nauto shard-1-of-3\n"));  // one missing
    CHECK_FALSE(count_of("auto shard-0-of-2\nauto other\n"));
    CHECK_FALSE(count_of(""));
  }

  TEST_CASE("a generation stub names one gen-N of its own folder") {
    CHECK(generation_stub_text(3) == "glass gen-3\n");
    CHECK(generation_of(parse_stub(generation_stub_text(3), "/d", "stub"), "/d") == 3u);
    CHECK(generation_of(parse_stub("auto gen-12\n", "/d", "stub"), "/d") == 12u);
    CHECK_FALSE(generation_of(parse_stub("glass gen-x\n", "/d", "stub"), "/d"));
    CHECK_FALSE(generation_of(parse_stub("glass /elsewhere/gen-3\n", "/d", "stub"), "/d"));
    CHECK_FALSE(generation_of(parse_stub("glass gen-1\nglass gen-2\n", "/d", "stub"), "/d"));
    CHECK_FALSE(generation_of(parse_stub("remote 127.0.0.1:7001\n", "/d", "stub"), "/d"));
  }

  TEST_CASE("a stub lists local and remote shards; relative paths are the stub's") {
    const auto shards = parse_stub(
        "# shards\nauto shard-0\n\nglass /srv/db two\nremote 127.0.0.1:7001\nremote [::1]:7002\n",
        "/etc/search", "s.stub");
    REQUIRE(shards.size() == 4);
    CHECK(shards[0].path == "/etc/search/shard-0");
    CHECK_FALSE(shards[0].remote());
    CHECK(shards[1].path == "/srv/db two");
    CHECK(shards[2].remote());
    CHECK(shards[2].host == "127.0.0.1");
    CHECK(shards[2].port == 7001);
    CHECK(shards[2].name == "127.0.0.1:7001");
    CHECK(shards[3].host == "::1");
  }

  TEST_CASE("a bad stub line is an error naming the line") {
    const auto error_of = [](const std::string& text) {
      try {
        parse_stub(text, "/d", "s.stub");
      } catch (const std::runtime_error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(error_of("remote 127.0.0.1\n") == "s.stub:1: expected remote HOST:PORT, got `127.0.0.1`");
    CHECK(error_of("auto a\nremote h:99999\n") == "s.stub:2: expected remote HOST:PORT, got `h:99999`");
    CHECK(error_of("remote :xapian-progsrv /db\n").find("not supported") != std::string::npos);
    CHECK(error_of("inmemory x\n") == "s.stub:1: unsupported database type `inmemory` (use auto, glass or remote)");
    CHECK(error_of("auto\n") == "s.stub:1: `auto` needs an argument");
    CHECK(error_of("# nothing\n") == "s.stub: the stub lists no database");
  }

  TEST_CASE("a stub is replaced atomically and read back; a huge one is refused") {
    article_search::testing::TempDir tmp;
    fs::create_directories(tmp / "db");
    write_stub(tmp / "db", shard_stub_text(2));
    CHECK(shard_count_of(read_stub(tmp / "db" / stub_name), tmp / "db") == 2u);
    CHECK(existing_shard_count(tmp / "db") == 2u);
    CHECK_FALSE(fs::exists(tmp / "db" / (std::string(stub_name) + ".tmp")));
    write_stub(tmp / "db", generation_stub_text(1));
    CHECK_FALSE(existing_shard_count(tmp / "db"));
    {
      std::ofstream big(tmp / "db" / stub_name);
      big << std::string(max_stub_bytes + 1, '#');
    }
    CHECK_THROWS_AS(read_stub(tmp / "db" / stub_name), StubError);
  }

  TEST_CASE("describe says what a folder holds, and nothing for no database") {
    article_search::testing::TempDir tmp;
    CHECK_FALSE(describe(tmp / "missing"));
    fs::create_directories(tmp / "empty");
    CHECK_FALSE(describe(tmp / "empty"));
    fs::create_directories(tmp / "gen" / "gen-3");
    write_stub(tmp / "gen", generation_stub_text(3));
    CHECK(describe(tmp / "gen") == "article-search database, generation 3");
    fs::create_directories(tmp / "sharded");
    write_stub(tmp / "sharded", shard_stub_text(2));
    CHECK(describe(tmp / "sharded") == "article-search database of 2 shards");
    tmp.write("plain/iamglass", "");
    CHECK(describe(tmp / "plain") == "plain Xapian database");
    tmp.write("other/notes.txt", "not a database");
    CHECK_THROWS(describe(tmp / "other"));
  }
}
