/// @file When two articles are copies, and when they are the same story: functions of
/// the two articles' features only (see fingerprint.h for why).
#pragma once

#include "fingerprint.h"

namespace article_search::group {

/// Stories: two dated articles more than this many days apart are never one story.
inline constexpr int story_window_days = 7;
/// Copies: the least copy_score of a copy. Stories: the least story_score of two reports
/// of one event. Chosen by measurement (bench-grouping, docs/grouping.md).
inline constexpr double copy_threshold = 0.8;
inline constexpr double story_threshold = 0.45;

/// The estimated share of the smaller body's shingles found in the other (MinHash
/// Jaccard turned into containment with the two set sizes): 1 for a copy trimmed by a
/// paragraph, near 1 for one with a dateline or credit added. Pure.
double copy_score(const Fingerprint& a, const Fingerprint& b);

/// How alike two articles' keywords are (cosine of their weights, 0-1). Pure.
double story_score(const Fingerprint& a, const Fingerprint& b);

/// Whether `b` is a near-identical text of `a` (or `a` of `b`): symmetric. Pure.
bool is_copy(const Fingerprint& a, const Fingerprint& b);

/// Whether the two are reports of the same event: copies always are; otherwise both
/// alike enough, and, when both are dated, within story_window_days of each other.
/// Symmetric. Pure.
bool same_story(const Fingerprint& a, const Fingerprint& b, double threshold = story_threshold);

}  // namespace article_search::group
