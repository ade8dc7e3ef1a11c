/// @file bench-grouping: the indexer's stories and copies scored on data with known groups.
///
/// It writes made copies of a seeded sample of a plain-text corpus (bbc-news) into a work
/// folder: a dateline put before the body, the last paragraph cut, a credit line added, the
/// headline changed, and mixes of these, as syndication does. The real indexer then indexes
/// the corpus, the copies and the seed corpus (five independent reports of one event) into
/// a fresh database, and the groups it wrote are read back and scored pairwise:
///
/// - copies: a pair is right when both are in one copy group in truth (an original with its
///   made copies, or two corpus articles sharing at least 80% of the shorter one's word
///   4-shingles, counted exactly: the corpus's own duplicates);
/// - stories: the truth is the copy groups plus the seed corpus as one story. A predicted
///   pair outside these is counted wrong ("strict" precision), though two articles of one
///   topic folder may in fact report one event; a pair across topic folders is certainly
///   wrong, and is counted apart. The unlabelled pairs are listed for reading (--show).
///
/// Exit status 1 when a figure falls below its --min-* gate (scripts/checks/36-grouping.sh).
#include "fingerprint.h"
#include "indexer.h"
#include "similarity.h"
#include "schema.h"
#include "stored.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
namespace as = article_search;

namespace {

struct Options {
  fs::path corpus, seeds, work;
  std::size_t copies = 300;
  unsigned seed = 18;
  double min_copy_precision = 0, min_copy_recall = 0, min_story_precision = 0,
         min_story_recall = 0;
  std::size_t show = 0;
  bool sweep = false;
  bool seeds_one_story = false;  ///< gate: the seed corpus must be one story
  bool reuse = false;  ///< keep the work folder's database (and re-fingerprint its articles)
};

struct Source {  // one article of the corpus
  fs::path file;
  std::string folder, title;
  std::vector<std::string> paragraphs;
};

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Headline, blank line, paragraphs (the bbc-news layout).
Source read_source(const fs::path& file) {
  Source source{file, file.parent_path().filename().string(), {}, {}};
  const std::vector<std::string> lines = lines_of(file);
  if (!lines.empty()) source.title = lines.front();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!lines[i].empty()) source.paragraphs.push_back(lines[i]);
  }
  return source;
}

std::vector<Source> read_corpus(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
        entry.path().parent_path() != root) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Source> out;
  for (const fs::path& file : files) out.push_back(read_source(file));
  return out;
}

constexpr const char* datelines[] = {"LONDON (Reuters) - ", "NEW YORK (AP) - ",
                                     "BRUSSELS, Feb 3 (AFP) - ", "Washington: "};
constexpr const char* credits[] = {"Reporting by Jane Smith; editing by Tom Brown",
                                   "(c) Press Association 2005",
                                   "Additional reporting by our correspondent. This story was "
                                   "first published by the wire service.",
                                   "Copyright 2005 Associated Press. All rights reserved."};
constexpr const char* headline_prefixes[] = {"UPDATE 1-", "Analysis: ", "", "WRAPUP: "};

/// The made copy of `source` by the transformations `kinds` (bit 0 dateline, 1 trim the
/// last paragraph, 2 credit line, 3 new headline).
std::string made_copy(const Source& source, unsigned kinds, std::mt19937& random) {
  std::vector<std::string> paragraphs = source.paragraphs;
  std::string title = source.title;
  if ((kinds & 2) && paragraphs.size() >= 4) paragraphs.pop_back();
  if (kinds & 1) paragraphs.front() = datelines[random() % 4] + paragraphs.front();
  if (kinds & 4) paragraphs.push_back(credits[random() % 4]);
  if (kinds & 8) {
    // A desk's own headline: a prefix and the first words of the opening sentence.
    std::istringstream words(paragraphs.front());
    std::string word, opening;
    for (int i = 0; i < 8 && words >> word; ++i) opening += (i ? " " : "") + word;
    title = headline_prefixes[random() % 4] + opening;
  }
  std::string text = title + "\n\n";
  for (const std::string& paragraph : paragraphs) text += paragraph + "\n\n";
  return text;
}

std::size_t word_count(const Source& source) {
  std::size_t words = 0;
  for (const std::string& p : source.paragraphs) {
    std::istringstream in(p);
    for (std::string w; in >> w;) ++words;
  }
  return words;
}

/// Union-find over indexes.
struct Groups {
  std::vector<std::size_t> parent;
  explicit Groups(std::size_t n) : parent(n) {
    for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it) && *it != '_') {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// The distinct word 4-shingles of a body, exactly (as hashes).
std::vector<std::uint64_t> shingles_of(const std::string& body) {
  const std::vector<std::string> words = words_of(body);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 4 <= words.size(); ++i) {
    std::uint64_t h = as::schema::fnv1a64("");
    for (std::size_t k = 0; k < 4; ++k) h = as::schema::fnv1a64(words[i + k] + " ", h);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Joins the pairs of `bodies` that share at least `containment` of the smaller one's
/// shingles (an inverted index of shingles: no all-pairs comparison of texts).
void join_exact_copies(const std::vector<std::string>& bodies, double containment, Groups& groups) {
  std::vector<std::vector<std::uint64_t>> sets;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    sets.push_back(shingles_of(bodies[i]));
    for (const std::uint64_t s : sets.back()) postings[s].push_back(i);
  }
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    std::unordered_map<std::size_t, std::size_t> common;
    for (const std::uint64_t s : sets[i]) {
      for (const std::size_t j : postings[s]) {
        if (j > i) ++common[j];
      }
    }
    for (const auto& [j, shared] : common) {
      const std::size_t smaller = std::min(sets[i].size(), sets[j].size());
      if (smaller > 0 && shared >= containment * static_cast<double>(smaller)) groups.join(i, j);
    }
  }
}

std::size_t pairs(std::size_t n) { return n * (n - 1) / 2; }

struct Score {
  std::size_t predicted = 0, truth = 0, right = 0;
  double precision() const { return predicted ? double(right) / predicted : 1; }
  double recall() const { return truth ? double(right) / truth : 1; }
};

/// Pairwise agreement of two labellings of the same items.
Score score(const std::vector<std::string>& predicted, const std::vector<std::size_t>& truth) {
  std::map<std::string, std::size_t> by_predicted;
  std::map<std::size_t, std::size_t> by_truth;
  std::map<std::pair<std::string, std::size_t>, std::size_t> both;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    ++by_predicted[predicted[i]];
    ++by_truth[truth[i]];
    ++both[{predicted[i], truth[i]}];
  }
  Score s;
  for (const auto& [_, n] : by_predicted) s.predicted += pairs(n);
  for (const auto& [_, n] : by_truth) s.truth += pairs(n);
  for (const auto& [_, n] : both) s.right += pairs(n);
  return s;
}

class Quiet : public as::indexer::Reporter {
 public:
  void warning(const std::string&) override {}
  void progress(std::uintmax_t, std::uintmax_t, std::size_t) override {}
};

struct Indexed {
  std::string key, id, title, story, copy_group, folder;
  as::group::Fingerprint features;
};

/// The story figures at other thresholds, from the stored features of every pair (what
/// the index would hold if its candidate queries found every edge).
template <typename FolderOf>
void sweep(const std::vector<Indexed>& items, const std::vector<std::size_t>& truth, FolderOf folder_of) {
  std::vector<std::tuple<double, std::size_t, std::size_t>> edges;
  for (std::size_t a = 0; a < items.size(); ++a) {
    for (std::size_t b = a + 1; b < items.size(); ++b) {
      const auto& fa = items[a].features;
      const auto& fb = items[b].features;
      if (as::group::is_copy(fa, fb)) {
        edges.emplace_back(2.0, a, b);
      } else if (as::group::same_story(fa, fb, 0.3)) {
        edges.emplace_back(as::group::story_score(fa, fb), a, b);
      }
    }
  }
  for (double threshold = 0.30; threshold < 0.801; threshold += 0.05) {
    Groups groups(items.size());
    for (const auto& [s, a, b] : edges) {
      if (s >= threshold) groups.join(a, b);
    }
    std::vector<std::string> predicted;
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < items.size(); ++i) {
      predicted.push_back(std::to_string(groups.find(i)));
      members[groups.find(i)].push_back(i);
    }
    const Score s = score(predicted, truth);
    std::size_t across = 0, largest = 0;
    for (const auto& [_, ids] : members) {
      largest = std::max(largest, ids.size());
      for (std::size_t x = 0; x < ids.size(); ++x) {
        for (std::size_t y = x + 1; y < ids.size(); ++y) {
          across += truth[ids[x]] != truth[ids[y]] && folder_of(ids[x]) != folder_of(ids[y]);
        }
      }
    }
    std::set<std::size_t> seed_groups;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].folder == "seed") seed_groups.insert(groups.find(i));
    }
    std::printf("  threshold %.2f: precision %.4f (strict) recall %.4f, across folders %zu, "
                "largest %zu, seeds in %zu\n",
                threshold, s.precision(), s.recall(), across, largest, seed_groups.size());
  }
}

int usage() {
  std::cerr << "usage: bench-grouping --corpus DIR --seeds DIR --work DIR [--copies N] [--seed S]\n"
               "         [--min-copy-precision X] [--min-copy-recall X] [--min-story-precision X]\n"
               "         [--min-story-recall X] [--show N] [--sweep yes] [--reuse yes]\n"
               "         [--seeds-one-story yes]\n";
  return 2;
}

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--corpus") options.corpus = value;
    else if (name == "--seeds") options.seeds = value;
    else if (name == "--work") options.work = value;
    else if (name == "--copies") options.copies = std::stoul(value);
    else if (name == "--seed") options.seed = static_cast<unsigned>(std::stoul(value));
    else if (name == "--min-copy-precision") options.min_copy_precision = std::stod(value);
    else if (name == "--min-copy-recall") options.min_copy_recall = std::stod(value);
    else if (name == "--min-story-precision") options.min_story_precision = std::stod(value);
    else if (name == "--min-story-recall") options.min_story_recall = std::stod(value);
    else if (name == "--show") options.show = std::stoul(value);
    else if (name == "--sweep") options.sweep = value == "yes";
    else if (name == "--reuse") options.reuse = value == "yes";
    else if (name == "--seeds-one-story") options.seeds_one_story = value == "yes";
    else return false;
  }
  return argc % 2 == 1 && !options.corpus.empty() && !options.seeds.empty() && !options.work.empty();
}

bool gate(const char* what, double value, double minimum) {
  if (value + 1e-12 >= minimum) return true;
  std::printf("FAIL: %s %.4f is below %.4f\n", what, value, minimum);
  return false;
}

}  // namespace

int main(int argc, char** argv) try {
  Options options;
  if (!parse(argc, argv, options)) return usage();
  const std::vector<Source> corpus = read_corpus(options.corpus);

  // Made copies of a seeded sample of the longer articles.
  std::mt19937 random(options.seed);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (word_count(corpus[i]) >= 150 && corpus[i].paragraphs.size() >= 4) candidates.push_back(i);
  }
  std::shuffle(candidates.begin(), candidates.end(), random);
  candidates.resize(std::min(candidates.size(), options.copies));
  if (!options.reuse) fs::remove_all(options.work);
  const fs::path copies_dir = options.work / "made-copies";
  fs::create_directories(copies_dir);
  std::map<std::string, std::string> copy_of_file;  // made copy's key -> original's key
  for (std::size_t n = 0; n < candidates.size(); ++n) {
    const Source& source = corpus[candidates[n]];
    const unsigned copies = 1 + random() % 2;
    for (unsigned k = 0; k < copies; ++k) {
      const unsigned kinds = 1 + random() % 15;
      const std::string name = source.folder + "-" + source.file.stem().string() + "-" +
                               std::to_string(k) + ".txt";
      std::ofstream(copies_dir / name, std::ios::binary) << made_copy(source, kinds, random);
      copy_of_file["made-copies/" + name] =
          source.folder + "/" + source.file.filename().string();
    }
  }

  // The real indexer over the three inputs.
  as::indexer::Options run;
  run.db = options.work / "db";
  run.inputs = {options.corpus, options.seeds, copies_dir};
  Quiet quiet;
  const auto started = std::chrono::steady_clock::now();
  const bool reuse = options.reuse && fs::exists(run.db);
  const auto summary = reuse ? as::indexer::Summary{} : as::indexer::run(run, quiet);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // The groups it wrote.
  Xapian::Database db(run.db.string());
  std::vector<Indexed> items;
  std::vector<std::string> bodies;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const auto article = as::stored::decode(doc.get_data());
    if (!article) continue;
    Indexed item;
    item.id = article->id;
    item.title = article->title;
    // Paths are relative to their input folder: a made copy's and a seed's have no folder.
    const fs::path path(article->path);
    const bool made = !path.has_parent_path() && fs::exists(copies_dir / path);
    const bool seed = !path.has_parent_path() && !made && fs::exists(options.seeds / path);
    item.key = made ? "made-copies/" + path.string() : article->path;
    item.folder = made ? "made" : seed ? "seed" : path.parent_path().string();
    item.story = doc.get_value(as::schema::slot(as::schema::Slot::story));
    const std::string copy_of = doc.get_value(as::schema::slot(as::schema::Slot::copy_of));
    item.copy_group = copy_of.empty() ? item.id : copy_of;
    if (auto features = as::group::decode(doc.get_value(as::schema::slot(as::schema::Slot::grouping)))) {
      item.features = std::move(*features);
    }
    // Trying a change to the features: computed anew from the stored article.
    if (options.reuse) item.features = as::group::fingerprint(*article);
    items.push_back(std::move(item));
    bodies.push_back(article->body);
  }

  // Truth: made copies with their originals, the corpus's own near-duplicates, the seeds.
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < items.size(); ++i) index_of[items[i].key] = i;
  Groups copy_truth(items.size());
  for (const auto& [copy, original] : copy_of_file) {
    if (index_of.count(copy) && index_of.count(original)) copy_truth.join(index_of[copy], index_of[original]);
  }
  std::vector<std::string> corpus_bodies;
  std::vector<std::size_t> corpus_items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].folder != "made") {
      corpus_bodies.push_back(bodies[i]);
      corpus_items.push_back(i);
    }
  }
  Groups natural(corpus_bodies.size());
  join_exact_copies(corpus_bodies, 0.8, natural);
  for (std::size_t k = 0; k < corpus_items.size(); ++k) {
    copy_truth.join(corpus_items[k], corpus_items[natural.find(k)]);
  }
  Groups story_truth = copy_truth;
  std::optional<std::size_t> first_seed;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].folder != "seed") continue;
    if (first_seed) story_truth.join(i, *first_seed);
    else first_seed = i;
  }

  std::vector<std::string> predicted_copy, predicted_story;
  std::vector<std::size_t> truth_copy, truth_story;
  for (std::size_t i = 0; i < items.size(); ++i) {
    predicted_copy.push_back(items[i].copy_group);
    predicted_story.push_back(items[i].story);
    truth_copy.push_back(copy_truth.find(i));
    truth_story.push_back(story_truth.find(i));
  }
  const Score copies = score(predicted_copy, truth_copy);
  const Score stories = score(predicted_story, truth_story);

  // Wrong story pairs: across topic folders (certain) and unlabelled within one.
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < items.size(); ++i) members[items[i].story].push_back(i);
  std::size_t across = 0, within = 0, largest = 0;
  std::vector<std::pair<std::size_t, std::size_t>> unlabelled;
  const auto folder_of = [&](std::size_t i) {
    if (items[i].folder != "made") return items[i].folder;
    const std::string& original = copy_of_file[items[i].key];
    return original.substr(0, original.find('/'));
  };
  for (const auto& [story, ids] : members) {
    largest = std::max(largest, ids.size());
    for (std::size_t a = 0; a < ids.size(); ++a) {
      for (std::size_t b = a + 1; b < ids.size(); ++b) {
        if (truth_story[ids[a]] == truth_story[ids[b]]) continue;
        if (folder_of(ids[a]) != folder_of(ids[b])) {
          ++across;
        } else {
          ++within;
          unlabelled.emplace_back(ids[a], ids[b]);
        }
      }
    }
  }
  std::size_t seed_stories = 0;
  {
    std::set<std::string> seen;
    for (const Indexed& item : items) {
      if (item.folder == "seed") seen.insert(item.story);
    }
    seed_stories = seen.size();
  }

  std::printf("articles %zu (made copies %zu), indexed in %.1f s, regrouped %zu\n", items.size(),
              copy_of_file.size(), seconds, summary.regrouped);
  std::printf("copies:  pairs predicted %zu, true %zu, right %zu: precision %.4f recall %.4f\n",
              copies.predicted, copies.truth, copies.right, copies.precision(), copies.recall());
  std::printf("stories: pairs predicted %zu, true %zu, right %zu: precision %.4f (strict) recall %.4f\n",
              stories.predicted, stories.truth, stories.right, stories.precision(), stories.recall());
  std::printf("stories: wrong pairs across topic folders %zu, unlabelled within one %zu; "
              "largest story %zu; the seeds fall in %zu stor%s\n",
              across, within, largest, seed_stories, seed_stories == 1 ? "y" : "ies");
  std::vector<std::size_t> seeds;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].folder == "seed") seeds.push_back(i);
  }
  for (std::size_t a = 0; a < seeds.size(); ++a) {
    for (std::size_t b = a + 1; b < seeds.size(); ++b) {
      std::printf("  seeds %zu-%zu: story score %.3f\n", a, b,
                  as::group::story_score(items[seeds[a]].features, items[seeds[b]].features));
    }
  }
  if (options.show > 0 && !seeds.empty()) {
    std::printf("  keywords of seed 0:");
    for (const auto& k : items[seeds[0]].features.keywords) std::printf(" %s:%.2f", k.term.c_str(), k.weight);
    std::printf("\n");
  }
  if (options.sweep) sweep(items, truth_story, folder_of);
  std::shuffle(unlabelled.begin(), unlabelled.end(), random);
  for (std::size_t k = 0; k < std::min(options.show, unlabelled.size()); ++k) {
    const auto [a, b] = unlabelled[k];
    std::printf("  ? %.3f %s | %s\n", as::group::story_score(items[a].features, items[b].features),
                items[a].title.c_str(), items[b].title.c_str());
  }
  bool ok = gate("copy precision", copies.precision(), options.min_copy_precision);
  ok = gate("copy recall", copies.recall(), options.min_copy_recall) && ok;
  ok = gate("story precision", stories.precision(), options.min_story_precision) && ok;
  ok = gate("story recall", stories.recall(), options.min_story_recall) && ok;
  if (options.seeds_one_story && seed_stories != 1) {
    std::printf("FAIL: the seed corpus falls in %zu stories, not one\n", seed_stories);
    ok = false;
  }
  return ok ? 0 : 1;
} catch (const std::exception& error) {
  std::cerr << "bench-grouping: " << error.what() << "\n";
  return 2;
}
