/// @file News-like articles written for the grouping tests, and variants built from them.
#pragma once

#include "article.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace group_test {

/// The five paragraphs of the base report (about 220 words).
inline const std::vector<std::string>& worm_paragraphs() {
  static const std::vector<std::string> paragraphs = {
      "Security firm Kaspersky Lab has warned computer users about a fast-spreading worm that "
      "steals online banking passwords from infected machines. The program, which researchers "
      "have named Bankpatch, arrives as an attachment disguised as an invoice from a courier "
      "company and installs itself when the file is opened.",
      "Analysts at the Moscow-based company said the worm had been detected on more than 40,000 "
      "computers across Europe and Asia within two days of its first appearance on Monday. Most "
      "infections were reported in Germany, Brazil and Russia, where several regional banks have "
      "already contacted customers.",
      "Eugene Kaspersky, the firm's founder, said the attackers had rented a network of hijacked "
      "servers to send millions of messages an hour. He urged businesses to block executable "
      "attachments at the mail gateway and to update their antivirus signatures, which now "
      "recognise all known variants of the code.",
      "The outbreak follows a string of similar attacks this spring. In April a Trojan horse "
      "aimed at customers of British lenders forced two banks to suspend internet payments for "
      "several hours while engineers cleaned infected systems.",
      "Police in Germany confirmed they had opened an investigation and were working with Europol "
      "to trace the servers. Officials declined to say whether any arrests were expected, but "
      "warned that stolen account details were already being offered for sale on underground "
      "forums.",
  };
  return paragraphs;
}

inline std::string join_paragraphs(const std::vector<std::string>& paragraphs, std::size_t count) {
  std::string body;
  for (std::size_t i = 0; i < count && i < paragraphs.size(); ++i) {
    if (!body.empty()) body += "\n\n";
    body += paragraphs[i];
  }
  return body;
}

inline article_search::Article worm_report() {
  article_search::Article article;
  article.id = "technology/kaspersky-worm";
  article.title = "Kaspersky warns of banking worm spreading through email";
  article.date = "2005-05-10";
  article.body = join_paragraphs(worm_paragraphs(), worm_paragraphs().size());
  return article;
}

/// An unrelated report of about the same length.
inline article_search::Article cup_report() {
  article_search::Article article;
  article.id = "sport/chelsea-arsenal";
  article.title = "Chelsea edge past Arsenal to reach cup final";
  article.date = "2005-05-10";
  article.body =
      "Chelsea reached the FA Cup final on Saturday after a late header from captain John Terry "
      "settled a tense semi-final against Arsenal at Wembley. The defender rose above the visiting "
      "goalkeeper to meet a corner in the 87th minute, sending thousands of supporters behind the "
      "goal into celebration.\n\n"
      "Arsenal had dominated possession for long spells and went close twice before the interval, "
      "when Thierry Henry struck the post and a deflected shot from Cesc Fabregas was cleared off "
      "the line. Their manager Arsene Wenger complained afterwards that the referee had ignored a "
      "clear penalty in the second half.\n\n"
      "Chelsea coach Jose Mourinho praised the resilience of his squad, which had played three "
      "matches in eight days and was without several injured midfielders. He said the victory "
      "proved his players could win ugly when their passing game was not working.\n\n"
      "The final will be played next month against Manchester United, who beat Watford "
      "comfortably in the other semi-final. Bookmakers make Chelsea slight favourites to lift the "
      "trophy for the first time since 2000.\n\n"
      "Ticket sales for the final open next week, and both clubs expect to sell their full "
      "allocation within hours. Supporters were warned that engineering works would disrupt rail "
      "services to the stadium on the day.";
  return article;
}

/// The article's body with its whitespace-separated tokens in reverse order: the same
/// words, counted the same, but hardly a four-word run in common with the original.
inline std::string reversed_words(const std::string& body) {
  std::istringstream in(body);
  std::vector<std::string> tokens;
  for (std::string token; in >> token;) tokens.push_back(token);
  std::reverse(tokens.begin(), tokens.end());
  std::string out;
  for (const std::string& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

inline std::size_t word_count(const std::string& text) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string token; in >> token;) ++n;
  return n;
}

}  // namespace group_test
