#include "brain/local/reading.h"

#include "brain/local/clause.h"
#include "brain/local/frustration.h"
#include "brain/local/intent.h"
#include "brain/local/language.h"
#include "text/tokenizer.h"

namespace brain {

Reading Analyze(std::string_view text, core::Language fallback) {
  const std::vector<text::Token> tokens = text::Tokenize(text);
  const std::vector<Clause> clauses = SplitClauses(tokens);
  Reading reading;
  reading.language = DetectLanguage(text, tokens, fallback);
  reading.handoff = DetectHandoff(clauses) != HandoffCue::kNone;
  reading.frustration = IsFrustrated(text, clauses);
  return reading;
}

std::optional<Found> Retrieve(const Knowledge& knowledge, std::string_view text,
                              core::Language fallback) {
  const std::vector<text::Token> tokens = text::Tokenize(text);
  const std::vector<Clause> clauses = SplitClauses(tokens);
  if (clauses.empty()) return std::nullopt;
  const core::Language language = DetectLanguage(text, tokens, fallback);
  return knowledge.Find(TopicWords(clauses), StemLanguage(language));
}

}  // namespace brain
