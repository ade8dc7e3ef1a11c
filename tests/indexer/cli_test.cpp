/// @file The article-indexer command line: options, usage errors.
#include "cli.h"

#include <doctest/doctest.h>

#include <cstdio>

using namespace article_search::indexer;
using Kind = Command::Kind;

TEST_SUITE("indexer command line") {
  TEST_CASE("a run needs --db and at least one path") {
    const Command ok = parse_command_line({"--db", "d", "a", "b.jsonl", "--rebuild"});
    CHECK(ok.kind == Kind::run);
    CHECK(ok.options.db == "d");
    CHECK(ok.options.inputs.size() == 2);
    CHECK(ok.options.rebuild);
    CHECK(parse_command_line({"a"}).kind == Kind::usage_error);
    CHECK(parse_command_line({"--db", "d"}).kind == Kind::usage_error);
    CHECK(parse_command_line({"--db"}).kind == Kind::usage_error);
  }

  TEST_CASE("--status needs --db and no path") {
    CHECK(parse_command_line({"--db", "d", "--status"}).kind == Kind::status);
    CHECK(parse_command_line({"--status"}).kind == Kind::usage_error);
  }

  TEST_CASE("option values are checked strictly") {
    CHECK(parse_command_line({"--db", "d", "--wait-lock", "2.5", "a"}).options.lock_wait_seconds == 2.5);
    CHECK(parse_command_line({"--db", "d", "--max-file-mb", "3", "a"}).options.read.max_file_bytes == 3u << 20);
    for (const char* bad : {"-1", "abc", "1e9", "", "5s"}) {
      CAPTURE(bad);
      CHECK(parse_command_line({"--db", "d", "--wait-lock", bad, "a"}).kind == Kind::usage_error);
    }
    CHECK(parse_command_line({"--db", "d", "--max-file-mb", "0", "a"}).kind == Kind::usage_error);
    CHECK(parse_command_line({"--db", "d", "--bogus", "a"}).error == "unknown option --bogus");
  }

  TEST_CASE("--help and --version win over everything else") {
    CHECK(parse_command_line({"--bogus", "--help"}).kind == Kind::usage_error);
    CHECK(parse_command_line({"--help", "--bogus"}).kind == Kind::help);
    CHECK(parse_command_line({"--version"}).kind == Kind::version);
    CHECK(usage_text().find("--rebuild") != std::string::npos);
  }

  TEST_CASE("a warning naming a file with a newline or escape codes is printed escaped, on one line") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    ConsoleReporter reporter(false, out);
    reporter.warning("c/evil\nwarning: c/forged.txt: skipped\x1b[2K.txt: skipped, empty file");
    std::rewind(out);
    char line[512] = {};
    REQUIRE(std::fgets(line, sizeof line, out) != nullptr);
    CHECK(std::string(line) ==
          "warning: c/evil\\x0awarning: c/forged.txt: skipped\\x1b[2K.txt: skipped, empty file\n");
    CHECK(std::fgets(line, sizeof line, out) == nullptr);  // nothing more: one line
    std::fclose(out);
  }
}

