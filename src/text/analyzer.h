// Turning text into search terms: folded, stopwords dropped, stemmed.
//
// Documents are indexed under the stems of every language (a catalog may mix languages and a
// customer may write in any), queries are stemmed in the customer's language only. A query word
// therefore matches a document word when the stemmer of the query's language maps both to the same
// stem ("zapatilla" finds "zapatillas" for a Spanish query).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "text/stemmer.h"

namespace text {

class Analyzer {
 public:
  // Returns an analyzer with a stemmer per language, or the stemmer's kInternal error.
  static base::Result<Analyzer> Create();

  // The terms to index for `utf8`: each word that is not a stopword of any language contributes
  // the distinct stems it has in the languages (one to three terms); numbers are kept as they are.
  std::vector<std::string> DocumentTerms(std::string_view utf8) const;

  // The terms to search for `utf8` written in `language`: its words without that language's
  // stopwords, stemmed in `language`, duplicates removed, in first-seen order.
  std::vector<std::string> QueryTerms(std::string_view utf8, Language language) const;

  // As QueryTerms, for words already tokenized and folded (see text/tokenizer.h) and filtered.
  std::vector<std::string> QueryTermsOf(std::span<const std::string> folded_words,
                                        Language language) const;

  // The stem of `folded_word` in `language`.
  std::string Stem(std::string_view folded_word, Language language) const;

  // Thread-safe: every method may be called from several threads at once.

 private:
  explicit Analyzer(std::array<Stemmer, kLanguages.size()> stemmers);
  std::array<Stemmer, kLanguages.size()> stemmers_;
};

}  // namespace text
