// Internal to brain/local: a message cut into clauses, the unit the intent rules look at.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "text/tokenizer.h"

namespace brain {

struct Clause {
  std::vector<std::string> words;  // folded words and numbers, in order
  bool question = false;           // ended by '?' or opened by '¿'
};

// Cuts at every break token (. , ; : ! ? ¿ ¡ parentheses, line breaks); empty clauses are
// dropped.
std::vector<Clause> SplitClauses(std::span<const text::Token> tokens);

// The words of every clause, in order.
std::vector<std::string> AllWords(std::span<const Clause> clauses);

// A fixed vocabulary of folded words. Built once by its owner and only read afterwards.
using WordSet = std::unordered_set<std::string_view>;

inline bool In(const WordSet& set, std::string_view word) { return set.contains(word); }

// True when `words[at]` exists and is in `set`.
inline bool InAt(const WordSet& set, std::span<const std::string> words, std::size_t at) {
  return at < words.size() && set.contains(words[at]);
}

// Two words in a row ("how", "much").
using WordPair = std::pair<std::string_view, std::string_view>;

// True when one of `pairs` starts at `words[at]`.
inline bool HasPairAt(std::span<const WordPair> pairs, std::span<const std::string> words,
                      std::size_t at) {
  for (const auto& [first, second] : pairs) {
    if (at + 1 < words.size() && words[at] == first && words[at + 1] == second) return true;
  }
  return false;
}

// True when one of `pairs` occurs anywhere in `words`.
inline bool HasPair(std::span<const WordPair> pairs, std::span<const std::string> words) {
  for (std::size_t at = 0; at < words.size(); ++at) {
    if (HasPairAt(pairs, words, at)) return true;
  }
  return false;
}

}  // namespace brain
