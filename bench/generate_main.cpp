/// @file bench-generate: writes N synthetic articles as SOURCE/NNNNNNN.txt files.
#include "generate_articles.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

bool parse_count(const char* text, std::uint64_t& out) {
  const std::string s(text);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

constexpr const char* usage =
    "Usage: bench-generate OUT_DIR ARTICLES [SEED [MEAN_BODY_BYTES [WORD_LIST]]]\n"
    "Writes ARTICLES (at most 10,000,000) synthetic articles below OUT_DIR.\n";

}  // namespace

int main(int argc, char** argv) try {
  namespace fs = std::filesystem;
  std::uint64_t count = 0, seed = 42, mean = 6000;
  if (argc < 3 || argc > 6 || !parse_count(argv[2], count) || count > 10'000'000 ||
      (argc > 3 && !parse_count(argv[3], seed)) ||
      (argc > 4 && (!parse_count(argv[4], mean) || mean < 100 || mean > 1'000'000))) {
    std::fputs(usage, stderr);
    return 2;
  }
  const std::string words = argc > 5 ? argv[5] : "/usr/share/dict/american-english";
  // Ten articles an event: 30% of the articles are reports of one, about three each.
  article_search::bench::ArticleGenerator generator(article_search::bench::read_word_list(words),
                                                    seed, mean, std::max<std::uint64_t>(count / 10, 1));
  const fs::path out = argv[1];
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto article = generator.next(i);
    fs::create_directories(out / article.source);
    std::ofstream file(out / article.source / article.name, std::ios::binary);
    file << article.text;
    if (!file) throw std::runtime_error("cannot write below " + out.string());
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench-generate: %s\n", e.what());
  return 1;
}
