/// @file The grouping pass (see grouping_pass.h).
#include "grouping_pass.h"

#include "components.h"
#include "docid_list.h"
#include "fingerprint.h"
#include "schema.h"
#include "similarity.h"
#include "stored.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace article_search::indexer {
namespace sc = schema;
namespace {

/// Candidates looked at per article: every one sharing a band (copies of a wire story
/// can be many) up to copy_candidates, and the best story_candidates keyword matches.
constexpr Xapian::doccount copy_candidates = 1000;
constexpr Xapian::doccount story_candidates = 50;

/// What the pass knows of one document it has read.
struct Node {
  Xapian::docid docid = 0;
  group::Member member;
  group::Fingerprint features;
  std::string story, copy_of;  ///< as stored now (read with the member)
  bool features_missing = false;  ///< written before grouping existed: added on rewrite
};

/// Writes the node's new groups (and its features, when it had none).
void rewrite(Xapian::WritableDatabase& db, const Node& node, const group::Assignment& assignment) {
  Xapian::Document doc = db.get_document(node.docid);
  if (!node.story.empty()) {
    try {
      doc.remove_term(sc::boolean_term(sc::prefix::story, node.story));
    } catch (const Xapian::InvalidArgumentError&) {
      // The term was not there: nothing to remove.
    }
  }
  doc.add_boolean_term(sc::boolean_term(sc::prefix::story, assignment.story));
  doc.add_value(sc::slot(sc::Slot::story), assignment.story);
  // An empty value is no value (Xapian removes it).
  doc.add_value(sc::slot(sc::Slot::copy_of), assignment.copy_of.value_or(""));
  if (node.features_missing) group::add_fingerprint(doc, node.features);
  db.replace_document(node.docid, doc);
}

/// The document's grouping features, read from its slot, or computed from its stored
/// article when it was written before grouping existed; nothing when it cannot be grouped.
std::optional<Node> read_node(const Xapian::Database& db, Xapian::docid docid) {
  const Xapian::Document doc = db.get_document(docid, Xapian::DOC_ASSUME_VALID);
  Node node;
  node.docid = docid;
  if (auto features = group::decode(doc.get_value(sc::slot(sc::Slot::grouping)))) {
    node.features = std::move(*features);
  } else {
    const auto article = stored::decode(doc.get_data());
    if (!article) return std::nullopt;
    node.features = group::fingerprint(*article);
    node.features_missing = true;
  }
  return node;
}

/// The node's member (its id read from its stored data, its date) and current groups;
/// false when its data is unreadable. Read for members only: each value is a lookup of
/// its own, and most candidates are not alike enough to join.
bool read_member(const Xapian::Database& db, Node& node) {
  if (!node.member.id.empty()) return true;
  const Xapian::Document doc = db.get_document(node.docid);
  const auto article = stored::decode(doc.get_data());
  if (!article) return false;
  node.member.id = article->id;
  node.member.date = doc.get_value(sc::slot(sc::Slot::datetime));
  node.story = doc.get_value(sc::slot(sc::Slot::story));
  node.copy_of = doc.get_value(sc::slot(sc::Slot::copy_of));
  return true;
}

/// Which edge, if any, joins two articles: a copy edge is a story edge too.
enum class EdgeKind { none, copy, story };
EdgeKind edge_between(const group::Fingerprint& a, const group::Fingerprint& b) {
  if (group::is_copy(a, b)) return EdgeKind::copy;
  if (group::same_story(a, b)) return EdgeKind::story;
  return EdgeKind::none;
}

/// The articles that may be alike enough to join one: the queries the pass asks of a
/// database for each article it groups.
class CandidateSearch {
 public:
  /// `db` must outlive the search, and hold no other document while it is used.
  explicit CandidateSearch(const Xapian::Database& db) : db_(db) {}

  /// The candidates, copies' first: the same docid can come twice.
  std::vector<Xapian::docid> of(const group::Fingerprint& features) {
    std::vector<Xapian::docid> out = matches(copy_query(features), copy_candidates, true);
    const std::vector<Xapian::docid> story = matches(story_query(features), story_candidates, false);
    out.insert(out.end(), story.begin(), story.end());
    return out;
  }

 private:
  std::vector<Xapian::docid> matches(const Xapian::Query& query, Xapian::doccount most, bool boolean) {
    std::vector<Xapian::docid> out;
    if (query.empty()) return out;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    if (boolean) enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, most);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    return out;
  }

  static Xapian::Query copy_query(const group::Fingerprint& features) {
    std::vector<Xapian::Query> bands;
    for (const std::string& key : group::band_keys(features)) {
      bands.emplace_back(sc::boolean_term(sc::prefix::band, key));
    }
    return Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end());
  }

  /// The articles whose keywords best match: within the story window of a dated one (or
  /// undated), anywhere for an undated one. The window is its days' `D` terms, not a
  /// range of the date slot, and the undated articles a list read once: both are small
  /// sets that lead the match, where a value range or "not dated" was a test of every
  /// document matching a keyword, a number that grows with the archive.
  Xapian::Query story_query(const group::Fingerprint& features) {
    std::vector<Xapian::Query> words;
    for (const group::Keyword& keyword : features.keywords) words.emplace_back(keyword.term);
    if (words.empty()) return {};
    const Xapian::Query text(Xapian::Query::OP_OR, words.begin(), words.end());
    if (features.day == group::undated) return text;
    std::vector<Xapian::Query> days;
    for (int d = -group::story_window_days; d <= group::story_window_days; ++d) {
      days.emplace_back(sc::boolean_term(sc::prefix::day, group::day_key(features.day + d)));
    }
    Xapian::Query within(Xapian::Query::OP_OR, days.begin(), days.end());
    if (!undated_) undated_ = std::make_shared<const std::vector<Xapian::docid>>(undated_docids(db_));
    if (!undated_->empty()) {
      within = Xapian::Query(Xapian::Query::OP_OR, within,
                             Xapian::Query((new DocidListSource(undated_))->release()));
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, text, within);
  }

  const Xapian::Database& db_;
  /// The undated articles, read at the first dated story query. The pass adds and
  /// removes no document and changes no date, so the list holds for all of it.
  std::shared_ptr<const std::vector<Xapian::docid>> undated_;
};

/// Settles one story: `nodes` are every member reached (so its groups are known whole),
/// `copies` and `stories` the edges among them (indexes into `nodes`). Writes the groups
/// that changed.
void settle(Xapian::WritableDatabase& db, std::vector<Node>& nodes, const std::vector<group::Edge>& copies,
            const std::vector<group::Edge>& stories, GroupingStats& stats) {
  // A member whose stored data is unreadable (no id) names nothing and is not written.
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (read_member(db, nodes[i])) kept.push_back(i);
  }
  std::vector<std::size_t> position(nodes.size(), nodes.size());
  std::vector<group::Member> members;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    position[kept[k]] = k;
    members.push_back(nodes[kept[k]].member);
  }
  const auto local = [&](const std::vector<group::Edge>& edges) {
    std::vector<group::Edge> out;
    for (const auto& [a, b] : edges) {
      if (position[a] < nodes.size() && position[b] < nodes.size()) out.emplace_back(position[a], position[b]);
    }
    return out;
  };
  const std::vector<group::Assignment> assignments = group::assign(members, local(copies), local(stories));
  stats.visited += kept.size();
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Node& node = nodes[kept[k]];
    const group::Assignment& assignment = assignments[k];
    if (node.story == assignment.story && node.copy_of == assignment.copy_of.value_or("") &&
        !node.features_missing) {
      continue;
    }
    rewrite(db, node, assignment);
    ++stats.rewritten;
  }
}

class Walk {
 public:
  explicit Walk(Xapian::WritableDatabase& db) : db_(db), search_(db) {}

  /// Reads the document's grouping features (once); its index among the nodes, or nothing
  /// when it cannot be grouped. The rest (stored data for the id, the date, its groups)
  /// is read only if it joins the component (read_member()).
  std::optional<std::size_t> node(Xapian::docid docid) {
    if (const auto found = index_.find(docid); found != index_.end()) return found->second;
    auto node = read_node(db_, docid);
    if (!node) return std::nullopt;
    nodes_.push_back(std::move(*node));
    index_.emplace(docid, nodes_.size() - 1);
    return nodes_.size() - 1;
  }

  /// Walks from `start` over every edge and rewrites the groups of the component it
  /// found (one story: every member reached, so its groups are known whole). A document
  /// already grouped by this walk is skipped.
  void group_from(Xapian::docid start, GroupingStats& stats) {
    if (done_.count(start)) return;
    const auto first = node(start);
    if (!first) return;
    std::deque<std::size_t> queue{*first};
    std::vector<std::size_t> component{*first};
    expanded_.insert(*first);
    while (!queue.empty()) {
      const std::size_t at = queue.front();
      queue.pop_front();
      for (const std::size_t next : neighbours(at)) {
        if (!expanded_.insert(next).second) continue;
        queue.push_back(next);
        component.push_back(next);
      }
    }
    write(component, stats);
    clear();
  }

 private:
  void write(const std::vector<std::size_t>& component, GroupingStats& stats) {
    std::vector<Node> members;
    std::vector<std::size_t> position(nodes_.size(), nodes_.size());
    for (const std::size_t i : component) {
      done_.insert(nodes_[i].docid);
      position[i] = members.size();
      members.push_back(std::move(nodes_[i]));
    }
    // Every edge found joins two members of the component: a neighbour is walked from.
    const auto local = [&](const std::vector<group::Edge>& edges) {
      std::vector<group::Edge> out;
      for (const auto& [a, b] : edges) out.emplace_back(position[a], position[b]);
      return out;
    };
    settle(db_, members, local(copies_), local(stories_), stats);
  }

  /// Forgets the component's nodes: a walk holds one story at a time.
  void clear() {
    nodes_.clear();
    index_.clear();
    expanded_.clear();
    copies_.clear();
    stories_.clear();
    copy_set_.clear();
    story_set_.clear();
  }

  std::vector<std::size_t> neighbours(std::size_t at) {
    std::vector<std::size_t> out;
    for (const Xapian::docid docid : search_.of(nodes_[at].features)) {
      if (docid == nodes_[at].docid) continue;
      const auto other = node(docid);
      if (!other) continue;
      const group::Edge edge{std::min(at, *other), std::max(at, *other)};
      switch (edge_between(nodes_[at].features, nodes_[*other].features)) {
        case EdgeKind::copy:
          if (copy_set_.insert(edge).second) copies_.push_back(edge);
          break;
        case EdgeKind::story:
          if (story_set_.insert(edge).second) stories_.push_back(edge);
          break;
        case EdgeKind::none:
          continue;
      }
      out.push_back(*other);
    }
    return out;
  }

  Xapian::WritableDatabase& db_;
  std::vector<Node> nodes_;
  std::unordered_map<Xapian::docid, std::size_t> index_;
  std::set<std::size_t> expanded_;
  std::vector<group::Edge> copies_, stories_;
  std::set<group::Edge> copy_set_, story_set_;
  std::unordered_set<Xapian::docid> done_;  ///< grouped by this pass
  CandidateSearch search_;
};

/// An edge found between two documents.
struct FoundEdge {
  Xapian::docid a, b;  ///< a < b
  EdgeKind kind;
};

/// What the first phase of a parallel pass learns of each document.
enum class DocState : std::uint8_t {
  absent,     ///< no document, or one that cannot be grouped
  groupable,
  alone,      ///< groupable, and stored as a story of its own, a copy of nothing
};

/// Looks for the edges of the documents `all[i]` whose i the shared counter hands out,
/// in a reader of its own. Every document is looked at once, so every edge the
/// sequential walk would find is found: the groups are the same.
void find_edges(const Xapian::Database& db, const std::vector<Xapian::docid>& all,
                std::atomic<std::size_t>& next, std::vector<DocState>& state, std::vector<FoundEdge>& edges) {
  constexpr std::size_t chunk = 64;
  CandidateSearch search(db);
  for (std::size_t from = next.fetch_add(chunk); from < all.size(); from = next.fetch_add(chunk)) {
    for (std::size_t i = from; i < std::min(from + chunk, all.size()); ++i) {
      const Xapian::docid docid = all[i];
      auto node = read_node(db, docid);
      if (!node) continue;
      const bool readable = read_member(db, *node);
      state[docid] = readable && !node->features_missing && node->copy_of.empty() &&
                             node->story == group::story_id(node->member.id)
                         ? DocState::alone
                         : DocState::groupable;
      for (const Xapian::docid other_id : search.of(node->features)) {
        if (other_id == docid) continue;
        const auto other = read_node(db, other_id);
        if (!other) continue;
        const EdgeKind kind = edge_between(node->features, other->features);
        if (kind != EdgeKind::none) edges.push_back({std::min(docid, other_id), std::max(docid, other_id), kind});
      }
    }
  }
}

/// Regroups every document: first the edges of all, found in `threads` readers, then each
/// connected component settled in `db`. Only components that are not a single article
/// already stored alone are read again.
GroupingStats group_everything(Xapian::WritableDatabase& db, const std::function<Xapian::Database()>& open,
                               unsigned threads) {
  std::vector<Xapian::docid> all;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) all.push_back(*it);
  GroupingStats stats;
  if (all.empty()) return stats;
  std::vector<DocState> state(all.back() + 1, DocState::absent);
  std::vector<std::vector<FoundEdge>> found(std::max(threads, 1u));
  std::vector<std::exception_ptr> failures(found.size());
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 0; t < found.size(); ++t) {
      workers.emplace_back([&, t] {
        try {
          find_edges(open(), all, next, state, found[t]);
        } catch (...) {
          failures[t] = std::current_exception();
          next = all.size();
        }
      });
    }
  }
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  std::vector<FoundEdge> edges;
  for (auto& part : found) edges.insert(edges.end(), part.begin(), part.end());
  found.clear();
  group::Components components(std::size_t{all.back()} + 1);  // over docids
  for (const FoundEdge& edge : edges) components.join(edge.a, edge.b);
  const auto root_of = [&](Xapian::docid docid) { return static_cast<Xapian::docid>(components.find(docid)); };

  // Each component's members and edges, side by side in the order of their roots.
  std::vector<std::pair<Xapian::docid, Xapian::docid>> by_root;  // (root, docid)
  for (const Xapian::docid docid : all) {
    if (state[docid] != DocState::absent) by_root.emplace_back(root_of(docid), docid);
  }
  std::sort(by_root.begin(), by_root.end());
  std::vector<std::pair<Xapian::docid, FoundEdge>> edges_by_root;
  edges_by_root.reserve(edges.size());
  for (const FoundEdge& edge : edges) edges_by_root.emplace_back(root_of(edge.a), edge);
  edges = {};
  std::sort(edges_by_root.begin(), edges_by_root.end(), [](const auto& x, const auto& y) {
    return std::tuple(x.first, x.second.a, x.second.b, x.second.kind) <
           std::tuple(y.first, y.second.a, y.second.b, y.second.kind);
  });
  std::size_t e = 0;
  for (std::size_t i = 0; i < by_root.size();) {
    const Xapian::docid root = by_root[i].first;
    std::size_t end = i;
    while (end < by_root.size() && by_root[end].first == root) ++end;
    const std::size_t edges_from = e;
    while (e < edges_by_root.size() && edges_by_root[e].first == root) ++e;
    if (end - i == 1 && state[by_root[i].second] == DocState::alone) {
      ++stats.visited;
    } else {
      std::vector<Node> nodes;
      std::unordered_map<Xapian::docid, std::size_t> position;
      for (std::size_t k = i; k < end; ++k) {
        if (auto node = read_node(db, by_root[k].second)) {
          position.emplace(node->docid, nodes.size());
          nodes.push_back(std::move(*node));
        }
      }
      std::vector<group::Edge> copies, stories;
      for (std::size_t k = edges_from; k < e; ++k) {
        const FoundEdge& edge = edges_by_root[k].second;
        const auto a = position.find(edge.a), b = position.find(edge.b);
        if (a == position.end() || b == position.end()) continue;
        (edge.kind == EdgeKind::copy ? copies : stories).emplace_back(a->second, b->second);
      }
      settle(db, nodes, copies, stories, stats);
    }
    i = end;
  }
  return stats;
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& term) {
  const Xapian::PostingIterator posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) return std::nullopt;
  return *posting;
}

}  // namespace

Xapian::Document indexed_document(const Article& article, Xapian::TermGenerator& generator,
                                  SpellingSwitch* spelling) {
  Xapian::Document doc = make_document(article, generator, spelling);
  group::add_fingerprint(doc, group::fingerprint(article));
  // Written as a story of its own, which most articles stay: the pass then rewrites only
  // the members of larger stories and copies. A rewrite adds a term, and Xapian reads
  // every position of a document to add one (93% of a fresh build's grouping pass when
  // every document was rewritten).
  const std::string story = group::story_id(article.id);
  doc.add_boolean_term(sc::boolean_term(sc::prefix::story, story));
  doc.add_value(sc::slot(sc::Slot::story), story);
  return doc;
}

bool grouped_by_this_version(const Xapian::Database& db) {
  return db.get_metadata(std::string(sc::grouping_key)) == sc::grouping_version;
}

GroupingPass::GroupingPass(Xapian::WritableDatabase& db) : db_(db) {}

void GroupingPass::before_change(const std::string& id_term) {
  const auto docid = docid_of(db_, id_term);
  if (!docid) return;
  const std::string story = db_.get_document(*docid).get_value(sc::slot(sc::Slot::story));
  if (!story.empty()) old_stories_.insert(story);
}

void GroupingPass::changed(const std::string& id_term) { changed_ids_.insert(id_term); }

void GroupingPass::include(const GroupingPass& other) {
  old_stories_.insert(other.old_stories_.begin(), other.old_stories_.end());
  changed_ids_.insert(other.changed_ids_.begin(), other.changed_ids_.end());
  everything_ = everything_ || other.everything_;
}

void GroupingPass::find_edges_in_parallel(std::function<Xapian::Database()> open, unsigned threads) {
  open_reader_ = std::move(open);
  threads_ = threads;
}

GroupingStats GroupingPass::run() {
  if (everything_ && open_reader_) return group_everything(db_, open_reader_, threads_);
  Walk walk(db_);
  GroupingStats stats;
  if (everything_) {
    std::vector<Xapian::docid> all;
    for (auto it = db_.postlist_begin(""); it != db_.postlist_end(""); ++it) all.push_back(*it);
    for (const Xapian::docid docid : all) walk.group_from(docid, stats);
  } else {
    for (const std::string& id_term : changed_ids_) {
      if (const auto docid = docid_of(db_, id_term)) walk.group_from(*docid, stats);
    }
    for (const std::string& story : old_stories_) {
      const std::string term = sc::boolean_term(sc::prefix::story, story);
      std::vector<Xapian::docid> members;
      for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) members.push_back(*it);
      for (const Xapian::docid docid : members) walk.group_from(docid, stats);
    }
  }
  return stats;
}

}  // namespace article_search::indexer
