/// @file Pure parts: the indexer's shard list, the server's stub parser, shard names.
#include "cli.h"
#include "shard_notes.h"
#include "shard_set.h"
#include "schema.h"
#include "sharding.h"

#include <doctest/doctest.h>

#include <stdexcept>

namespace sh = article_search::indexer::sharding;
using article_search::indexer::ShardSelector;
using article_search::server::parse_stub;

TEST_SUITE("shards") {
  TEST_CASE("the indexer's shard list round-trips and rejects anything else") {
    CHECK(sh::shard_stub_text(2) == "auto shard-0-of-2\nauto shard-1-of-2\n");
    CHECK(sh::parse_shard_stub(sh::shard_stub_text(3)) == 3u);
    CHECK_FALSE(sh::parse_shard_stub("glass gen-3\n"));
    CHECK_FALSE(sh::parse_shard_stub("auto shard-0-of-3\nauto shard-1-of-3\n"));  // one missing
    CHECK_FALSE(sh::parse_shard_stub("auto shard-0-of-2\nauto other\n"));
    CHECK_FALSE(sh::parse_shard_stub(""));
  }

  TEST_CASE("each id belongs to exactly one shard, the same on every run") {
    for (const std::string id : {"business/001", "a", "", "004_8f0669f797f6f4f0"}) {
      int owners = 0;
      for (unsigned i = 0; i < 4; ++i) owners += ShardSelector{i, 4}.contains(id) ? 1 : 0;
      CHECK(owners == 1);
      CHECK(ShardSelector{0, 1}.contains(id));
    }
    // Standard FNV-1a (the published value for "a"): the shard of an id never changes
    // between builds or machines, unlike std::hash.
    CHECK(article_search::schema::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
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

  TEST_CASE("the failed shard is named from Xapian's error context") {
    CHECK(article_search::server::failed_shard("remote:tcp(127.0.0.1:7001)") == "127.0.0.1:7001");
    CHECK(article_search::server::failed_shard("") == "a remote shard");
    CHECK(article_search::server::failed_shard("other") == "other");
  }
}

TEST_SUITE("shards") {
TEST_CASE("several --db options are searched together; --db replaces ARTICLE_SEARCH_DB") {
  using article_search::server::Command;
  using article_search::server::parse_command_line;
  const Command command = parse_command_line(
      {"--db", "a", "--db", "b.stub", "--remote-timeout", "1500"}, {{"ARTICLE_SEARCH_DB", "env"}});
  REQUIRE(command.kind == Command::Kind::run);
  CHECK(command.options.db == "a");
  CHECK(command.options.more_dbs == std::vector<std::filesystem::path>{"b.stub"});
  CHECK(command.options.remote_timeout_seconds == doctest::Approx(1.5));
  CHECK(parse_command_line({}, {{"ARTICLE_SEARCH_DB", "env"}}).options.db == "env");
  CHECK(parse_command_line({"--db", "a", "--remote-timeout", "5"}, {}).kind ==
        Command::Kind::usage_error);
}
}
