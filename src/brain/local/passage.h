// The business context cut into passages a customer question can be answered from.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace brain {

// Passages hold at most about this many characters (a longer single sentence stays whole).
inline constexpr std::size_t kMaxPassageChars = 640;

struct Passage {
  std::string heading;  // the heading the text sits under, without markup; may be empty
  std::string body;     // a paragraph, a list, or a group of sentences; lines joined by '\n'
  bool operator==(const Passage&) const = default;
};

// Splits free text into passages. Paragraphs are separated by blank lines; a heading is a
// Markdown "# ..." line or a short title line on its own (both apply until the next heading) or
// a short line ending in ':' (applies to its paragraph). A paragraph longer than
// kMaxPassageChars is cut between lines, else between sentences. Never fails; deterministic.
std::vector<Passage> SplitPassages(std::string_view context);

// "heading: body", or the body alone when there is no heading.
std::string Display(const Passage& passage);

// One list item (its marker dropped) or one sentence of a passage's body, wrapped lines joined.
struct Sentence {
  std::string text;
  bool list_item = false;
  bool operator==(const Sentence&) const = default;
};

// The body's list items and sentences, in order.
std::vector<Sentence> SentencesOf(const Passage& passage);

// A passage of `sentences` under `heading`, one per line, list items after "- ".
// SentencesOf(JoinSentences(h, s)) == s when each sentence ends with a mark or the next one
// starts with a capital letter.
Passage JoinSentences(std::string heading, std::span<const Sentence> sentences);

}  // namespace brain
