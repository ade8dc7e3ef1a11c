/// @file Scoring extracted article text against a reference, the way the public
/// scrapinghub article-extraction-benchmark does (its evaluate.py):
///
/// - tokens are `\w+` runs; a text becomes the multiset of its 4-token shingles (a text
///   of 1 to 3 tokens is one shingle, an empty text none);
/// - per page, tp = shingles in both (the smaller count), fp = predicted only, fn =
///   reference only, each divided by tp + fp + fn so that long pages weigh no more;
/// - precision is the mean of tp / (tp + fp) over the pages that predicted something
///   or have reference text, recall the mean of tp / (tp + fn) likewise (a page whose
///   reference and prediction are both empty counts 1 for both), F1 comes from the two.
///
/// `\w` is Python's (letters, numbers, underscore). Without ICU it is approximated by
/// glibc's C.UTF-8 tables (iswalnum): the same for Latin, Greek, Cyrillic, CJK, Arabic,
/// Hebrew and digits; where they differ, glibc counts the vowel signs of Indic scripts as
/// letters (Python's `re` splits words there) and some rare numerics (Python's "No": ½, ²)
/// are counted by Python only; those are added for Latin-1's superscripts and fractions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace article_search::bench {

/// The `\w+` runs of `text` (UTF-8; invalid bytes are separators). Pure.
std::vector<std::string> word_tokens(std::string_view text);

/// One page's shingle counts, normalised by their sum (all zero when both texts are empty).
struct PageMatch {
  double tp = 0;
  double fp = 0;
  double fn = 0;
};

/// Compares the predicted text of one page with its reference. Pure.
PageMatch match_shingles(std::string_view reference, std::string_view predicted);

/// The benchmark's precision of one page (1 when nothing was wrong).
double page_precision(const PageMatch& match);
/// The benchmark's recall of one page (1 when nothing was wrong).
double page_recall(const PageMatch& match);

/// Precision and recall averaged over pages, and F1 from the two.
struct Scores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

/// The scores of a set of pages, as the benchmark aggregates them. Pure.
Scores aggregate(const std::vector<PageMatch>& pages);

}  // namespace article_search::bench
