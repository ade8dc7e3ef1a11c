/// @file Groups from edges (see components.h).
#include "components.h"

#include "schema.h"

#include <cstdio>
#include <numeric>

namespace article_search::group {
Components::Components(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }

std::size_t Components::find(std::size_t x) {
  while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
  return x;
}

namespace {

/// For each member, the index of the earliest member of its component.
std::vector<std::size_t> earliest_of(const std::vector<Member>& members, Components& components) {
  std::vector<std::size_t> earliest_by_root(members.size(), members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::size_t& e = earliest_by_root[components.find(i)];
    if (e == members.size() || earlier(members[i], members[e])) e = i;
  }
  std::vector<std::size_t> out(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) out[i] = earliest_by_root[components.find(i)];
  return out;
}

}  // namespace

std::string story_id(const std::string& earliest_id) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(schema::fnv1a64("story\xff" + earliest_id)));
  return hex;
}

bool earlier(const Member& a, const Member& b) {
  if (a.date.empty() != b.date.empty()) return !a.date.empty();
  if (a.date != b.date) return a.date < b.date;
  return a.id < b.id;
}

std::vector<Assignment> assign(const std::vector<Member>& members, const std::vector<Edge>& copies,
                               const std::vector<Edge>& stories) {
  Components copy_groups(members.size()), story_groups(members.size());
  for (const auto& [a, b] : copies) {
    copy_groups.join(a, b);
    story_groups.join(a, b);
  }
  for (const auto& [a, b] : stories) story_groups.join(a, b);
  const std::vector<std::size_t> original = earliest_of(members, copy_groups);
  const std::vector<std::size_t> first = earliest_of(members, story_groups);
  std::vector<Assignment> out(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    out[i].story = story_id(members[first[i]].id);
    if (original[i] != i) out[i].copy_of = members[original[i]].id;
  }
  return out;
}

}  // namespace article_search::group
