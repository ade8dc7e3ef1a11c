/// @file Turning an Article into a Xapian document, following schema.h.
#include "document.h"

#include "dates.h"
#include "language.h"
#include "schema.h"
#include "stored.h"

#include <cstdio>

namespace article_search {
namespace sc = schema;

std::string article_checksum(const Article& article) {
  // Fields are separated by a byte that cannot occur in UTF-8 text, so moving text
  // from one field to the next changes the checksum. A new indexed field joins the list.
  std::string key = std::to_string(sc::format_version) + '\xff' + std::to_string(sc::title_wdf);
  for (const std::string* field : {&article.title, &article.date, &article.source, &article.body}) {
    key += '\xff';
    key += *field;
  }
  key += article.title_derived ? "\xff" "1" : "\xff" "0";
  // The fields added later join only when set, so the checksum of an article without
  // them is what it was: a database indexed before is not rewritten for nothing.
  const auto add = [&key](char tag, const std::string& value) {
    if (value.empty()) return;
    (key += '\xfe') += tag;
    key += value;
  };
  add('u', article.url);
  for (const std::string& author : article.authors) add('a', author);
  add('m', article.modified);
  add('s', article.section);
  for (const std::string& tag : article.tags) add('t', tag);
  add('l', article.language);
  add('d', article.description);
  add('f', article.feed);
  add('o', article.origin);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(sc::fnv1a64(key)));
  return hex;
}

Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase* spelling_db) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(language::folding_stemmer(sc::stem_language));
  generator.set_stemming_strategy(sc::index_stemming);
  if (spelling_db != nullptr) {
    generator.set_database(*spelling_db);
    generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  }
  return generator;
}

namespace {

/// The date's own terms and slots (its year is a filter field).
void add_date(Xapian::Document& doc, const std::string& date) {
  const auto keys = dates::date_keys(date);
  if (!keys) return;
  doc.add_boolean_term(sc::boolean_term(sc::prefix::month, keys->month));
  doc.add_boolean_term(sc::boolean_term(sc::prefix::day, keys->day));
  doc.add_value(sc::slot(sc::Slot::date), keys->day);
  doc.add_value(sc::slot(sc::Slot::datetime), date);
}

void add_text(const Article& article, Xapian::TermGenerator& generator, SpellingSwitch* spelling) {
  const auto count_spelling = [&](bool on) {
    if (spelling != nullptr) spelling->set_counting(on);
  };
  // Positions leave a gap after each part, so a phrase never spans title and body.
  count_spelling(true);  // the unprefixed text feeds the spelling dictionary
  for (const sc::TextField& field : sc::text_fields) {
    if (field.unprefixed_wdf == 0) continue;
    generator.index_text(article.*field.member, field.unprefixed_wdf);
    generator.increase_termpos();
  }
  count_spelling(false);
  for (const sc::TextField& field : sc::text_fields) {
    if (!field.prefixed_positions) {
      generator.index_text_without_positions(article.*field.member, 1, std::string(field.prefix));
      continue;
    }
    generator.index_text(article.*field.member, 1, std::string(field.prefix));
    generator.increase_termpos();
  }
}

}  // namespace

Xapian::Document make_document(const Article& article, Xapian::TermGenerator& generator,
                               SpellingSwitch* spelling, std::string_view fallback_language) {
  Xapian::Document doc;
  const std::string analysis = language::analysis_language(article, fallback_language);
  generator.set_stemmer(language::folding_stemmer(analysis));
  generator.set_document(doc);
  add_text(article, generator, spelling);
  doc.add_boolean_term(sc::boolean_term(sc::prefix::analysis, analysis));
  doc.add_value(sc::slot(sc::Slot::analysis), analysis);
  doc.add_boolean_term(sc::id_term(article.id));
  for (const sc::FilterField& field : sc::filter_fields) {
    const std::vector<std::string> values = field.values(article);
    if (values.empty()) continue;
    std::string slot_value;
    for (const std::string& value : values) {
      doc.add_boolean_term(sc::filter_term(field, value));
      if (!slot_value.empty()) slot_value += sc::list_separator;
      slot_value += value;
    }
    doc.add_value(sc::slot(field.slot), slot_value);
  }
  if (!article.feed.empty()) doc.add_boolean_term(sc::boolean_term(sc::prefix::feed, article.feed));
  if (!article.origin.empty()) doc.add_boolean_term(sc::boolean_term(sc::prefix::origin, article.origin));
  doc.add_value(sc::slot(sc::Slot::checksum), article_checksum(article));
  add_date(doc, article.date);
  doc.set_data(stored::encode(article));
  return doc;
}

}  // namespace article_search
