/// @file Copy and story decisions (see similarity.h).
#include "similarity.h"

#include <cmath>
#include <cstdlib>

namespace article_search::group {
namespace {

double jaccard(const Fingerprint& a, const Fingerprint& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < minhash_count; ++i) equal += a.minhash[i] == b.minhash[i];
  return static_cast<double>(equal) / minhash_count;
}

}  // namespace

double copy_score(const Fingerprint& a, const Fingerprint& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0;
  const double j = jaccard(a, b);
  // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
  const double common = j * (static_cast<double>(a.shingles) + b.shingles) / (1 + j);
  return std::min(1.0, common / std::min(a.shingles, b.shingles));
}

double story_score(const Fingerprint& a, const Fingerprint& b) {
  double dot = 0, na = 0, nb = 0;
  for (const Keyword& k : a.keywords) na += double(k.weight) * k.weight;
  for (const Keyword& k : b.keywords) nb += double(k.weight) * k.weight;
  auto i = a.keywords.begin();
  auto j = b.keywords.begin();
  while (i != a.keywords.end() && j != b.keywords.end()) {
    if (i->term < j->term) {
      ++i;
    } else if (j->term < i->term) {
      ++j;
    } else {
      dot += double(i->weight) * j->weight;
      ++i, ++j;
    }
  }
  if (na == 0 || nb == 0) return 0;
  return dot / std::sqrt(na * nb);
}

bool is_copy(const Fingerprint& a, const Fingerprint& b) { return copy_score(a, b) >= copy_threshold; }

bool same_story(const Fingerprint& a, const Fingerprint& b, double threshold) {
  if (is_copy(a, b)) return true;
  if (a.day != undated && b.day != undated && std::abs(a.day - b.day) > story_window_days) {
    return false;
  }
  return story_score(a, b) >= threshold;
}

}  // namespace article_search::group
