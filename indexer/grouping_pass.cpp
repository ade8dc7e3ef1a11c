/// @file The grouping pass (see grouping_pass.h).
#include "grouping_pass.h"

#include "components.h"
#include "docid_list.h"
#include "fingerprint.h"
#include "schema.h"
#include "similarity.h"
#include "stored.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
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

class Walk {
 public:
  explicit Walk(Xapian::WritableDatabase& db) : db_(db) {}

  /// Reads the document's grouping features (once); its index among the nodes, or nothing
  /// when it cannot be grouped. The rest (stored data for the id, the date, its groups)
  /// is read only if it joins the component (read_member()).
  std::optional<std::size_t> node(Xapian::docid docid) {
    if (const auto found = index_.find(docid); found != index_.end()) return found->second;
    const Xapian::Document doc = db_.get_document(docid, Xapian::DOC_ASSUME_VALID);
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
    nodes_.push_back(std::move(node));
    index_.emplace(docid, nodes_.size() - 1);
    return nodes_.size() - 1;
  }

  /// The node's member (its id read from its stored data, its date) and current groups;
  /// false when its data is unreadable. Read for members only: each value is a lookup of
  /// its own, and most candidates are not alike enough to join.
  bool read_member(Node& node) {
    if (!node.member.id.empty()) return true;
    const Xapian::Document doc = db_.get_document(node.docid);
    const auto article = stored::decode(doc.get_data());
    if (!article) return false;
    node.member.id = article->id;
    node.member.date = doc.get_value(sc::slot(sc::Slot::datetime));
    node.story = doc.get_value(sc::slot(sc::Slot::story));
    node.copy_of = doc.get_value(sc::slot(sc::Slot::copy_of));
    return true;
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
  void write(std::vector<std::size_t> component, GroupingStats& stats) {
    // A member whose stored data is unreadable (no id) names nothing and is not written.
    std::erase_if(component, [&](std::size_t i) {
      done_.insert(nodes_[i].docid);
      return !read_member(nodes_[i]);
    });
    // Every edge found joins two members of the component: a neighbour is walked from.
    std::vector<group::Member> members;
    for (const std::size_t i : component) members.push_back(nodes_[i].member);
    std::unordered_map<std::size_t, std::size_t> position;
    for (std::size_t k = 0; k < component.size(); ++k) position.emplace(component[k], k);
    const auto local = [&](const std::vector<group::Edge>& edges) {
      std::vector<group::Edge> out;
      for (const auto& [a, b] : edges) {
        if (position.count(a) && position.count(b)) out.emplace_back(position.at(a), position.at(b));
      }
      return out;
    };
    const std::vector<group::Assignment> assignments =
        group::assign(members, local(copies_), local(stories_));
    stats.visited += component.size();
    for (std::size_t k = 0; k < component.size(); ++k) {
      const Node& node = nodes_[component[k]];
      const group::Assignment& assignment = assignments[k];
      if (node.story == assignment.story && node.copy_of == assignment.copy_of.value_or("") &&
          !node.features_missing) {
        continue;
      }
      rewrite(db_, node, assignment);
      ++stats.rewritten;
    }
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
    const auto consider = [&](Xapian::docid docid) {
      if (docid == nodes_[at].docid) return;
      const auto other = node(docid);
      if (!other) return;
      const group::Fingerprint& a = nodes_[at].features;
      const group::Fingerprint& b = nodes_[*other].features;
      const group::Edge edge{std::min(at, *other), std::max(at, *other)};
      if (group::is_copy(a, b)) {
        if (copy_set_.insert(edge).second) copies_.push_back(edge);
      } else if (group::same_story(a, b)) {
        if (story_set_.insert(edge).second) stories_.push_back(edge);
      } else {
        return;
      }
      out.push_back(*other);
    };
    for (const Xapian::docid docid : matches(copy_query(nodes_[at].features), copy_candidates, true)) {
      consider(docid);
    }
    for (const Xapian::docid docid : matches(story_query(nodes_[at].features), story_candidates, false)) {
      consider(docid);
    }
    return out;
  }

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

  Xapian::WritableDatabase& db_;
  std::vector<Node> nodes_;
  std::unordered_map<Xapian::docid, std::size_t> index_;
  std::set<std::size_t> expanded_;
  std::vector<group::Edge> copies_, stories_;
  std::set<group::Edge> copy_set_, story_set_;
  std::unordered_set<Xapian::docid> done_;  ///< grouped by this pass
  /// The undated articles, read at the first dated story query. The pass adds and
  /// removes no document and changes no date, so the list holds for all of it.
  std::shared_ptr<const std::vector<Xapian::docid>> undated_;
};

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

GroupingStats GroupingPass::run() {
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
