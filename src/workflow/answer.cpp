#include "workflow/answer.h"

#include <algorithm>
#include <cctype>
#include <span>
#include <vector>

#include "base/strings.h"
#include "text/quantities.h"
#include "text/stopwords.h"
#include "text/tokenizer.h"
#include "text/values.h"

namespace workflow {
namespace {

bool In(std::span<const std::string_view> set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// A message that only declines or does not know: every word is one of these, and one of them
// says so ("no", "skip", "rather not", "not sure"; not only "I", "to", "thanks").
bool IsSkip(std::string_view answer) {
  static constexpr std::string_view kDeclines[] = {
      "skip",    "pass",   "no",      "nope",   "none",     "rather",    "prefer",  "idk",  "dunno",
      "nothing", "paso",   "saltar",  "omitir", "prefiero", "ninguno",   "ninguna", "nada", "pular",
      "prefiro", "nenhum", "nenhuma", "nao",    "next",     "siguiente", "proxima"};
  // Not knowing declines only when negated: "not sure", "no idea", "no sé"; "sure" alone agrees.
  static constexpr std::string_view kNegatedDoubts[] = {"sure", "idea", "know",
                                                        "se",   "sei",  "ideia"};
  static constexpr std::string_view kAround[] = {
      "i",        "id",       "not",    "dont",     "to",     "it",      "this",  "that",
      "one",      "question", "lo",     "la",       "que",    "yo",      "esta",  "pregunta",
      "a",        "o",        "essa",   "pergunta", "thanks", "thank",   "you",   "gracias",
      "obrigado", "obrigada", "please", "would",    "really", "sorry",   "have",  "tengo",
      "tenho",    "de",       "e",      "y",        "and",    "quiero",  "quero", "want",
      "for",      "now",      "ok",     "okay",     "pls",    "por",     "favor", "say",
      "share",    "decir",    "dizer",  "ni",       "yet",    "todavia", "ainda", "im"};
  const std::vector<std::string> words = text::Words(answer);
  static constexpr std::string_view kNegations[] = {"not", "dont", "no", "nao", "ni", "idk"};
  const bool negated = std::any_of(words.begin(), words.end(),
                                   [](const std::string& w) { return In(kNegations, w); });
  bool declines = false;
  for (const std::string& w : words) {
    if (In(kDeclines, w) || (negated && In(kNegatedDoubts, w))) {
      declines = true;
    } else if (!In(kAround, w)) {
      return false;
    }
  }
  return declines;
}

// The significant words of `s`: folded, without stopwords, a plural 's' dropped.
std::vector<std::string> Significant(std::string_view s) {
  std::vector<std::string> out;
  for (std::string w : text::Words(s)) {
    if (text::IsStopwordOfAny(w)) continue;
    if (w.size() > 3 && w.back() == 's') w.pop_back();
    out.push_back(std::move(w));
  }
  return out;
}

// The configured choice the answer names; `strict`: only by all its words.
std::optional<std::string> MatchChoice(const core::Question& q, std::string_view answer,
                                       bool strict) {
  const std::vector<std::string> said = Significant(answer);
  if (said.empty()) return std::nullopt;
  if (!strict) {
    // "2", "option 2", "la 2".
    std::vector<std::string> numbers;
    for (const std::string& w : said) {
      static constexpr std::string_view kNumberWords[] = {"option", "opcion", "opcao", "number",
                                                          "numero"};
      if (!In(kNumberWords, w)) numbers.push_back(w);
    }
    if (numbers.size() == 1 && numbers[0].size() <= 2 &&
        std::all_of(numbers[0].begin(), numbers[0].end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      const std::size_t n = static_cast<std::size_t>(std::stoi(numbers[0]));
      if (n >= 1 && n <= q.choices.size()) return q.choices[n - 1];
    }
  }
  const auto contains = [&](const std::string& w) {
    return std::find(said.begin(), said.end(), w) != said.end();
  };
  std::vector<std::size_t> full;
  std::vector<std::size_t> partial;
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    const std::vector<std::string> words = Significant(q.choices[i]);
    if (words.empty()) continue;
    const auto n = std::count_if(words.begin(), words.end(), contains);
    if (n == static_cast<std::ptrdiff_t>(words.size())) {
      full.push_back(i);
    } else if (n > 0) {
      partial.push_back(i);
    }
  }
  if (full.size() == 1) return q.choices[full[0]];
  if (!strict && full.empty() && partial.size() == 1) return q.choices[partial[0]];
  return std::nullopt;
}

std::optional<std::string> Typed(const core::Question& q, std::string_view answer,
                                 core::Language language, std::chrono::year_month_day today,
                                 bool strict) {
  switch (q.type) {
    case core::QuestionType::kText:
      return std::string(base::Trim(answer));
    case core::QuestionType::kEmail:
      return text::FindEmail(answer);
    case core::QuestionType::kPhone:
      return text::FindPhone(answer);
    case core::QuestionType::kNumber:
      return text::FindNumber(answer);
    case core::QuestionType::kAmount:
      return text::FindAmount(answer);
    case core::QuestionType::kDate:
      return text::FindDate(answer, today,
                            language == core::Language::kEn ? text::DateOrder::kMonthFirst
                                                            : text::DateOrder::kDayFirst);
    case core::QuestionType::kChoice:
      return MatchChoice(q, answer, strict);
  }
  return std::nullopt;
}

// The next word of `text` from `at`: where it starts and ends (letters, digits, apostrophes and
// any non-ASCII byte, as the tokenizer reads words), folded; empty at the end.
struct RawWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string folded;
};
RawWord NextWord(std::string_view text, std::size_t at) {
  const auto is_word = [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '\'' || c >= 0x80;
  };
  while (at < text.size() && !is_word(static_cast<unsigned char>(text[at]))) ++at;
  std::size_t end = at;
  while (end < text.size() && is_word(static_cast<unsigned char>(text[end]))) ++end;
  std::string folded;
  for (const std::string& w : text::Words(text.substr(at, end - at))) folded += w;
  return {at, end, std::move(folded)};
}

}  // namespace

std::optional<std::string> Correction(std::string_view message) {
  // Openings that can only take an answer back, as folded words in order. "No, it's…" or
  // "actually…" are not among them: they as often answer the question asked now ("Is it for you
  // or a company?" - "No, it's for my company").
  static const std::vector<std::vector<std::string_view>> kCues = {{"i", "meant"},
                                                                   {"sorry", "i", "meant"},
                                                                   {"no", "i", "meant"},
                                                                   {"correction"},
                                                                   {"quise", "decir"},
                                                                   {"perdon", "quise", "decir"},
                                                                   {"me", "equivoque"},
                                                                   {"corrijo"},
                                                                   {"quis", "dizer"},
                                                                   {"desculpa", "quis", "dizer"},
                                                                   {"errei"},
                                                                   {"corrigindo"}};
  // Words that may follow an opening before the answer ("no, actually it's…").
  static constexpr std::string_view kLinks[] = {"its",  "it",  "is",    "was",    "es",
                                                "era",  "e",   "sorry", "perdon", "desculpa",
                                                "that", "eso", "isso"};
  std::size_t at = 0;
  bool opened = false;
  while (true) {
    bool matched = false;
    for (const auto& cue : kCues) {
      std::size_t after = at;
      bool all = true;
      for (std::string_view want : cue) {
        const RawWord w = NextWord(message, after);
        if (w.folded != want) {
          all = false;
          break;
        }
        after = w.end;
      }
      if (all) {
        at = after;
        opened = matched = true;
        break;
      }
    }
    if (!matched && opened) {
      const RawWord w = NextWord(message, at);
      if (In(kLinks, w.folded)) {
        at = w.end;
        matched = true;
      }
    }
    if (!matched) break;
  }
  if (!opened) return std::nullopt;
  const RawWord first = NextWord(message, at);
  if (first.folded.empty()) return std::nullopt;
  std::string_view rest = base::Trim(message.substr(first.begin));
  while (!rest.empty() && (rest.back() == '.' || rest.back() == '!')) rest.remove_suffix(1);
  return std::string(base::Trim(rest));
}

AnswerReading ReadAnswer(const core::Question& question, std::string_view answer,
                         core::Language language, std::chrono::year_month_day today) {
  if (question.optional && IsSkip(answer)) return {AnswerReading::Kind::kSkipped, ""};
  auto value = Typed(question, answer, language, today, false);
  if (!value || value->empty()) return {AnswerReading::Kind::kInvalid, ""};
  return {AnswerReading::Kind::kValue, std::move(*value)};
}

std::optional<std::string> StatedAnswer(const core::Question& question, std::string_view message,
                                        core::Language language,
                                        std::chrono::year_month_day today) {
  switch (question.type) {
    case core::QuestionType::kText:
    case core::QuestionType::kNumber:
      return std::nullopt;
    case core::QuestionType::kAmount: {
      // Only an amount with its currency: "3 days" or "2 people" are no budget.
      auto amount = text::FindAmount(message);
      if (amount && amount->find(' ') == std::string::npos) return std::nullopt;
      return amount;
    }
    default:
      return Typed(question, message, language, today, true);
  }
}

}  // namespace workflow
