/// @file Rewriting the term leaves of a parsed query.
#include "query_rewrite.h"

#include "schema.h"

#include <vector>

namespace article_search::search {
namespace {

/// The operators rebuilt from their subqueries alone (no window, factor or slot).
bool is_rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

std::optional<Xapian::Query> rewrite(const Xapian::Query& node, const TermWidener& widen, int depth) {
  const auto type = node.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const auto term = node.get_terms_begin();
    if (term == node.get_terms_end()) return std::nullopt;
    return widen(*term, node);
  }
  if (!is_rebuildable(type) || depth >= max_rewrite_depth) return std::nullopt;
  const std::size_t count = node.get_num_subqueries();
  std::vector<Xapian::Query> subqueries;
  subqueries.reserve(count);
  bool changed = false;
  for (std::size_t i = 0; i < count; ++i) {
    const Xapian::Query sub = node.get_subquery(i);
    std::optional<Xapian::Query> replaced = rewrite(sub, widen, depth + 1);
    changed = changed || replaced.has_value();
    subqueries.push_back(replaced ? std::move(*replaced) : sub);
  }
  if (!changed) return std::nullopt;
  return Xapian::Query(type, subqueries.begin(), subqueries.end());
}

}  // namespace

std::optional<TextTerm> text_term(std::string_view term) {
  if (schema::is_free_text_term(term)) return TextTerm{{}, term};
  for (const schema::TextField& field : schema::text_fields) {
    if (term.size() > field.prefix.size() && term.substr(0, field.prefix.size()) == field.prefix &&
        schema::is_free_text_term(term.substr(field.prefix.size()))) {
      return TextTerm{field.prefix, term.substr(field.prefix.size())};
    }
  }
  return std::nullopt;
}

TermWidener first_of(TermWidener first, TermWidener second) {
  if (!first) return second;
  if (!second) return first;
  return [first = std::move(first), second = std::move(second)](
             const std::string& term, const Xapian::Query& leaf) -> std::optional<Xapian::Query> {
    if (std::optional<Xapian::Query> widened = first(term, leaf)) return widened;
    return second(term, leaf);
  };
}

Xapian::Query widen_terms(const Xapian::Query& query, const TermWidener& widen) {
  if (!widen) return query;
  std::optional<Xapian::Query> replaced = rewrite(query, widen, 0);
  return replaced ? std::move(*replaced) : query;
}

}  // namespace article_search::search
