// Sentences of a business context that speak to the assistant rather than to customers: rules
// ("Never promise a discount that is not written here"), instructions ("Always ask for the order
// number") and topics kept for people ("Wholesale orders are handled by a person: hand the
// conversation to the team"). No brain shows them to a customer; a topic kept for people also
// becomes a handoff trigger (reason reserved_topic).
//
// Rules over folded words, for English, Spanish and Portuguese at once. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brain {

enum class DirectiveKind {
  kNone,           // a fact for customers ("Saturday: 10:00 to 17:00", "Do not tumble dry")
  kRule,           // an instruction to the assistant: an imperative opening with a verb of
                   // speaking or dealing ("never promise", "always ask", "no ofrezcas", "nunca
                   // prometa"), or the assistant named with a modal ("the bot must")
  kReservesTopic,  // hands a topic to people: a verb of handing next to a person noun ("handled by
                   // a person", "hand … to the team", "pásalo al equipo", "encaminhe para a
                   // equipe")
};

// What one sentence or list item of the context is (a list marker is ignored). Any clause may
// hold the instruction ("Shipping is 5 USD; never promise a date"), after words that only
// introduce it ("Please", "Important:"). The business's team ("our team handles…") keeps a topic
// only in an instruction; a person named ("handled by a person") always does. Under a heading for
// the assistant (IsAssistantHeading), a sentence that opens with an imperative ("Reply in…",
// "Be brief") is a rule too.
DirectiveKind ClassifyDirective(std::string_view sentence, bool under_assistant_heading = false);

// True when a heading names the assistant or its rules ("Rules for the assistant", "Instrucciones
// para el bot", "Regras"): the facts under it are shown without it.
bool IsAssistantHeading(std::string_view heading);

// The folded words of a topic-keeping sentence that name the topic: every word but the handing
// phrase, the person it names and words with no topic of their own ("conversation", "always").
// Stopwords are left for the caller's analyzer to drop.
std::vector<std::string> ReservedTopicWords(std::string_view sentence);

}  // namespace brain
