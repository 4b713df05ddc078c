#include "brain/local/clause.h"

namespace brain {

std::vector<Clause> SplitClauses(std::span<const text::Token> tokens) {
  std::vector<Clause> clauses;
  Clause current;
  for (const text::Token& token : tokens) {
    if (token.kind != text::TokenKind::kBreak) {
      current.words.push_back(token.text);
      continue;
    }
    const bool opens_question = token.text == "¿";
    if (token.text == "?") current.question = true;
    if (!current.words.empty()) clauses.push_back(std::move(current));
    current = Clause{};
    current.question = opens_question;
  }
  if (!current.words.empty()) clauses.push_back(std::move(current));
  return clauses;
}

std::vector<std::string> AllWords(std::span<const Clause> clauses) {
  std::vector<std::string> words;
  for (const Clause& clause : clauses)
    words.insert(words.end(), clause.words.begin(), clause.words.end());
  return words;
}

}  // namespace brain
