/// @file Turning an Article into a Xapian document, following schema.h.
#include "document.h"

#include "schema.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace article_search {
namespace sc = schema;

std::string article_checksum(const Article& article) {
  // Fields are separated by a byte that cannot occur in UTF-8 text, so moving text
  // from one field to the next changes the checksum.
  std::string key = std::to_string(sc::format_version) + '\xff' + std::to_string(sc::title_wdf);
  for (const std::string* field : {&article.title, &article.date, &article.source, &article.body}) {
    key += '\xff';
    key += *field;
  }
  key += article.title_derived ? "\xff" "1" : "\xff" "0";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(sc::fnv1a64(key)));
  return hex;
}

Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase* spelling_db) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(sc::stem_language));
  generator.set_stemming_strategy(sc::index_stemming);
  if (spelling_db != nullptr) {
    generator.set_database(*spelling_db);
    generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  }
  return generator;
}

namespace {

std::string stored_data(const Article& article) {
  nlohmann::json data = {
      {sc::stored::id, article.id},
      {sc::stored::title, article.title},
      {sc::stored::title_derived, article.title_derived},
      {sc::stored::date, article.date},
      {sc::stored::source, article.source},
      {sc::stored::body, article.body},
      {sc::stored::path, article.path},
  };
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void add_date(Xapian::Document& doc, const std::string& date) {
  if (date.size() < 10) return;
  const std::string year = date.substr(0, 4);
  const std::string month = year + date.substr(5, 2);
  const std::string day = month + date.substr(8, 2);
  doc.add_boolean_term(sc::boolean_term(sc::prefix::year, year));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::month, month));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::day, day));
  doc.add_value(sc::slot(sc::Slot::date), day);
  doc.add_value(sc::slot(sc::Slot::datetime), date);
  doc.add_value(sc::slot(sc::Slot::year), year);
}

}  // namespace

Xapian::Document make_document(const Article& article, Xapian::TermGenerator& generator,
                               SpellingCounter* spelling) {
  Xapian::Document doc;
  generator.set_document(doc);
  const std::string title_prefix(sc::prefix::title);
  const std::string body_prefix(sc::prefix::body);
  const auto count_spelling = [&](bool on) {
    if (spelling != nullptr) spelling->set_counting(on);
  };
  // Positions restart the gap after each field so a phrase never spans title and body.
  count_spelling(false);
  generator.index_text(article.title, 1, title_prefix);
  generator.increase_termpos();
  count_spelling(true);  // the unprefixed text feeds the spelling dictionary
  generator.index_text(article.title, sc::title_wdf);
  generator.increase_termpos();
  generator.index_text(article.body);
  generator.increase_termpos();
  count_spelling(false);
  generator.index_text(article.body, 1, body_prefix);

  doc.add_boolean_term(sc::id_term(article.id));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::source, article.source));
  doc.add_value(sc::slot(sc::Slot::source), article.source);
  doc.add_value(sc::slot(sc::Slot::checksum), article_checksum(article));
  add_date(doc, article.date);
  doc.set_data(stored_data(article));
  return doc;
}

}  // namespace article_search
