#include "text/analyzer.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "text/stopwords.h"
#include "text/tokenizer.h"

namespace text {
namespace {

// Words shorter than this are not stemmed: Snowball leaves them alone or mangles them.
constexpr std::size_t kMinStemLength = 3;

void AddUnique(std::string term, std::vector<std::string>& terms, std::size_t from) {
  if (std::find(terms.begin() + static_cast<std::ptrdiff_t>(from), terms.end(), term) ==
      terms.end()) {
    terms.push_back(std::move(term));
  }
}

}  // namespace

base::Result<Analyzer> Analyzer::Create() {
  std::optional<Stemmer> stemmers[kLanguages.size()];
  for (std::size_t i = 0; i < kLanguages.size(); ++i) {
    auto stemmer = Stemmer::Create(kLanguages[i]);
    if (!stemmer.ok()) return stemmer.error();
    stemmers[i].emplace(std::move(stemmer).value());
  }
  return Analyzer({std::move(*stemmers[0]), std::move(*stemmers[1]), std::move(*stemmers[2])});
}

Analyzer::Analyzer(std::array<Stemmer, kLanguages.size()> stemmers)
    : stemmers_(std::move(stemmers)) {}

std::string Analyzer::Stem(std::string_view folded_word, Language language) const {
  if (folded_word.size() < kMinStemLength) return std::string(folded_word);
  return stemmers_[static_cast<std::size_t>(language)].Stem(folded_word);
}

std::vector<std::string> Analyzer::DocumentTerms(std::string_view utf8) const {
  std::vector<std::string> terms;
  for (const Token& token : Tokenize(utf8)) {
    if (token.kind == TokenKind::kBreak) continue;
    if (token.kind == TokenKind::kNumber) {
      terms.push_back(token.text);
      continue;
    }
    if (IsStopwordOfAny(token.text)) continue;
    const std::size_t first = terms.size();
    for (Language language : kLanguages) AddUnique(Stem(token.text, language), terms, first);
  }
  return terms;
}

std::vector<std::string> Analyzer::QueryTermsOf(std::span<const std::string> folded_words,
                                                Language language) const {
  std::vector<std::string> terms;
  for (const std::string& word : folded_words) {
    if (IsStopword(language, word)) continue;
    AddUnique(Stem(word, language), terms, 0);
  }
  return terms;
}

std::vector<std::string> Analyzer::QueryTerms(std::string_view utf8, Language language) const {
  const std::vector<std::string> words = Words(utf8);
  return QueryTermsOf(words, language);
}

}  // namespace text
