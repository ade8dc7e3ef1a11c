/// @file article-index-digest DB: what identifies an index's content, one line each and
/// sorted, so two indexes compare with diff: the document count, then every document's
/// id term and content checksum (value slot 4). With --revision, the revision first.
#include "schema.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace sc = article_search::schema;

int main(int argc, char** argv) {
  const bool with_revision = argc == 3 && std::string(argv[1]) == "--revision";
  if (argc != 2 && !with_revision) {
    std::fprintf(stderr, "usage: article-index-digest [--revision] DB\n");
    return 2;
  }
  try {
    const Xapian::Database db(argv[argc - 1]);
    std::vector<std::string> lines;
    const std::string id_prefix(sc::prefix::id);
    for (auto term = db.allterms_begin(id_prefix); term != db.allterms_end(id_prefix); ++term) {
      for (auto posting = db.postlist_begin(*term); posting != db.postlist_end(*term); ++posting) {
        const Xapian::Document document = db.get_document(*posting);
        lines.push_back(*term + " " + document.get_value(sc::slot(sc::Slot::checksum)));
      }
    }
    std::sort(lines.begin(), lines.end());
    if (with_revision) std::printf("revision %u\n", static_cast<unsigned>(db.get_revision()));
    std::printf("documents %u\n", static_cast<unsigned>(db.get_doccount()));
    for (const auto& line : lines) std::printf("%s\n", line.c_str());
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "article-index-digest: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
