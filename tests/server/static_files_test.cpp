/// @file static_file: which paths may be served from web/.
#include "static_files.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

using article_search::server::static_file;
using article_search::testing::TempDir;

TEST_SUITE("static_file") {
  TEST_CASE("serves files under the web folder and refuses everything else") {
    TempDir outside;
    outside.write("secret.txt", "secret");
    TempDir web;
    web.write("index.html", "page");
    web.write("css/site.css", "css");
    std::filesystem::create_symlink(outside / "secret.txt", web / "link.txt");
    struct Row {
      const char* target;
      const char* path;
      bool served;
    };
    const Row rows[] = {
        // allowed
        {"/", "/", true},
        {"/css/site.css", "/css/site.css", true},
        // traversal, plain and encoded
        {"/../secret.txt", "/../secret.txt", false},
        {"/css/../../secret.txt", "/css/../../secret.txt", false},
        {"/%2e%2e/secret.txt", "/../secret.txt", false},
        {"/css%2f..%2f..%2fsecret.txt", "/css/../../secret.txt", false},
        {"/css%5csite.css", "/css\\site.css", false},
        // symlinks out, hidden files, missing files, folders
        {"/link.txt", "/link.txt", false},
        {"/.env", "/.env", false},
        {"/missing.html", "/missing.html", false},
        {"/css", "/css", false},
        {"//etc/passwd", "//etc/passwd", false},
    };
    for (const Row& row : rows) {
      INFO(row.target);
      CHECK(static_file(web.path(), row.target, row.path).has_value() == row.served);
    }
    CHECK_FALSE(static_file({}, "/", "/").has_value());
  }
}
