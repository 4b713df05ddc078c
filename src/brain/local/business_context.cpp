#include "brain/local/business_context.h"

namespace brain {

BusinessContext ReadBusinessContext(std::string_view context) {
  BusinessContext out;
  for (const Passage& passage : SplitPassages(context)) {
    std::vector<Sentence> facts;
    const bool for_the_assistant = IsAssistantHeading(passage.heading);
    for (Sentence& sentence : SentencesOf(passage)) {
      const DirectiveKind kind = ClassifyDirective(sentence.text, for_the_assistant);
      if (kind == DirectiveKind::kNone) {
        facts.push_back(std::move(sentence));
      } else {
        out.rules.push_back({std::move(sentence.text), kind});
      }
    }
    if (facts.empty()) continue;
    out.passages.push_back(JoinSentences(for_the_assistant ? "" : passage.heading, facts));
    out.sentences.push_back(std::move(facts));
  }
  return out;
}

std::string FactsText(const BusinessContext& context) {
  std::string text;
  for (const Passage& passage : context.passages) {
    if (!text.empty()) text += "\n\n";
    text += Display(passage);
  }
  return text;
}

}  // namespace brain
