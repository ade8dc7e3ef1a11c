/// @file From edges to groups: stories are the connected components of the story edges,
/// copies those of the copy edges; a group is named after its earliest member. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace article_search::group {

struct Member {
  std::string id;    ///< the article id
  std::string date;  ///< as stored ("" when undated)
};

struct Assignment {
  std::string story;                   ///< the story id
  std::optional<std::string> copy_of;  ///< the id of the earliest copy, when not this one
  bool operator==(const Assignment&) const = default;
};

using Edge = std::pair<std::size_t, std::size_t>;  ///< indexes into the members

/// Connected components of the numbers 0 to n-1, joined a pair at a time (union-find
/// with path halving).
class Components {
 public:
  explicit Components(std::size_t n);
  std::size_t find(std::size_t x);
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

/// The story id named after `earliest_id`: 16 hex digits, safe in a URL.
std::string story_id(const std::string& earliest_id);

/// Whether `a` comes before `b`: dated before undated, then by date, then by id.
bool earlier(const Member& a, const Member& b);

/// The groups of `members` given every copy edge and story edge among them (a copy edge
/// counts as a story edge too). The result has one Assignment per member, same order.
std::vector<Assignment> assign(const std::vector<Member>& members, const std::vector<Edge>& copies,
                               const std::vector<Edge>& stories);

}  // namespace article_search::group
