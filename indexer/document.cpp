/// @file Turning an Article into a Xapian document, following schema.h.
#include "document.h"

#include "dates.h"
#include "schema.h"
#include "stored.h"

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

void add_date(Xapian::Document& doc, const std::string& date) {
  const auto keys = dates::date_keys(date);
  if (!keys) return;
  doc.add_boolean_term(sc::boolean_term(sc::prefix::year, keys->year));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::month, keys->month));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::day, keys->day));
  doc.add_value(sc::slot(sc::Slot::date), keys->day);
  doc.add_value(sc::slot(sc::Slot::datetime), date);
  doc.add_value(sc::slot(sc::Slot::year), keys->year);
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
  doc.set_data(stored::encode(article));
  return doc;
}

}  // namespace article_search
