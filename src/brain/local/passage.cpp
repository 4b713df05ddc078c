#include "brain/local/passage.h"

#include <algorithm>

#include "base/strings.h"

namespace brain {
namespace {

constexpr std::size_t kMaxHeadingChars = 60;
constexpr std::size_t kMaxTitleWords = 6;

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(base::Trim(text.substr(start)));
      break;
    }
    lines.push_back(base::Trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

bool EndsSentence(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// "- item", "* item", "1. item".
bool IsListItem(std::string_view line) {
  const std::size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  if (line.starts_with("- ") || line.starts_with("* ")) return true;
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && line.substr(digits).starts_with(". ");
}

// The length of a list item's marker and the spaces after it ("- ", "12. ").
std::size_t ListMarkerSize(std::string_view item) {
  std::size_t at = item.find_first_not_of(' ');
  if (item[at] == '-' || item[at] == '*') return item.find_first_not_of(' ', at + 1);
  at = item.find('.', at);
  return item.find_first_not_of(' ', at + 1);
}

// Lines wrapped in the source continue their sentence or list item; list items keep their own
// lines.
std::string JoinWrappedLines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!out.empty()) out += IsListItem(line) ? "\n" : " ";
    out += line;
    start = end + 1;
  }
  return out;
}

// "Shipping", "Opening hours": a short line with no digits and no sentence end.
bool IsTitle(std::string_view line) {
  if (line.empty() || line.size() > kMaxHeadingChars || EndsSentence(line.back())) return false;
  if (std::any_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) < kMaxTitleWords;
}

// Sentences of `text`, each with its end mark and without the space after it.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (EndsSentence(text[i]) && text[i + 1] == ' ') {
      sentences.push_back(text.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < text.size()) sentences.push_back(text.substr(start));
  return sentences;
}

// Appends `pieces` to `out` as passages of at most kMaxPassageChars, joined by `separator`.
void Pack(const std::string& heading, const std::vector<std::string_view>& pieces,
          std::string_view separator, std::vector<Passage>& out) {
  std::string body;
  for (std::string_view piece : pieces) {
    if (!body.empty() && body.size() + separator.size() + piece.size() > kMaxPassageChars) {
      out.push_back({heading, std::move(body)});
      body.clear();
    }
    if (!body.empty()) body.append(separator);
    body.append(piece);
  }
  if (!body.empty()) out.push_back({heading, std::move(body)});
}

void Emit(const std::string& heading, const std::vector<std::string_view>& lines,
          std::vector<Passage>& out) {
  if (lines.empty()) return;
  std::size_t chars = 0;
  for (std::string_view line : lines) chars += line.size() + 1;
  if (chars <= kMaxPassageChars || lines.size() > 1) {
    std::vector<std::string_view> pieces;
    for (std::string_view line : lines) {
      if (line.size() <= kMaxPassageChars) {
        pieces.push_back(line);
        continue;
      }
      const auto sentences = Sentences(line);
      pieces.insert(pieces.end(), sentences.begin(), sentences.end());
    }
    Pack(heading, pieces, "\n", out);
    return;
  }
  Pack(heading, Sentences(lines.front()), " ", out);
}

}  // namespace

std::vector<Passage> SplitPassages(std::string_view context) {
  std::vector<Passage> out;
  const std::vector<std::string_view> lines = Lines(context);
  std::string section;  // from "# ..." or a title line, until the next one
  std::string block_heading;
  std::vector<std::string_view> block;
  const auto flush = [&] {
    if (block.empty()) return;  // a "Heading:" line alone still names the next paragraph
    Emit(block_heading.empty() ? section : block_heading, block, out);
    block.clear();
    block_heading.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == '#') {
      flush();
      block_heading.clear();
      const auto text = line.find_first_not_of('#');
      section = text == std::string_view::npos ? "" : std::string(base::Trim(line.substr(text)));
      continue;
    }
    const bool alone = block.empty() && (i + 1 == lines.size() || lines[i + 1].empty());
    const bool more_follows = i + 2 < lines.size();
    if (alone && more_follows && IsTitle(line)) {
      section = std::string(line);
      continue;
    }
    if (block.empty() && line.back() == ':' && line.size() <= kMaxHeadingChars) {
      block_heading = std::string(base::Trim(line.substr(0, line.size() - 1)));
      continue;
    }
    block.push_back(line);
  }
  flush();
  return out;
}

std::string Display(const Passage& passage) {
  const std::string body = JoinWrappedLines(passage.body);
  if (passage.heading.empty()) return body;
  return passage.heading + (IsListItem(body) ? ":\n" : ": ") + body;
}

std::vector<Sentence> SentencesOf(const Passage& passage) {
  std::vector<Sentence> out;
  std::string chunk;  // a list item, or paragraph lines, with wrapped lines joined
  bool item = false;
  const auto flush = [&] {
    if (chunk.empty()) return;
    if (item) {
      out.push_back({std::move(chunk), true});
    } else {
      for (std::string_view sentence : Sentences(chunk)) {
        out.push_back({std::string(base::Trim(sentence)), false});
      }
    }
    chunk.clear();
  };
  for (std::string_view line : Lines(passage.body)) {
    if (line.empty()) continue;
    // A line that ends without a mark before one that starts a new sentence ("Website:
    // https://…" then "Street parking is free") ends its sentence; otherwise lines wrap.
    // After a list item, a line that starts with a capital (or follows the item's end mark)
    // is a sentence of its own, not the item's continuation.
    const bool new_sentence =
        !chunk.empty() &&
        (item ? IsAsciiUpper(line.front()) || EndsSentence(chunk.back())
              : IsAsciiUpper(line.front()) && !EndsSentence(chunk.back()) && chunk.back() != ',');
    if (IsListItem(line) || new_sentence) {
      flush();
      item = IsListItem(line);
      chunk = base::Trim(item ? line.substr(ListMarkerSize(line)) : line);
      continue;
    }
    if (!chunk.empty()) chunk += ' ';
    chunk += line;
  }
  flush();
  return out;
}

Passage JoinSentences(std::string heading, std::span<const Sentence> sentences) {
  Passage p{std::move(heading), {}};
  for (const Sentence& s : sentences) {
    if (!p.body.empty()) p.body += '\n';
    if (s.list_item) p.body += "- ";
    p.body += s.text;
  }
  return p;
}

}  // namespace brain
