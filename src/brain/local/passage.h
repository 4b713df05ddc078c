// The business context cut into passages a customer question can be answered from.
#pragma once

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

}  // namespace brain
