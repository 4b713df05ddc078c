// Does the customer ask something? And is the message only small talk?
#pragma once

#include <span>
#include <string_view>

#include "brain/local/clause.h"

namespace brain {

enum class QuestionCues {
  kAll,       // every cue below
  kExplicit,  // only '?'/'¿', unambiguous openers and phrases: for telling a question from an
              // answer to the pending qualification question ("when I get paid" is an answer)
};

// True when a clause is a question ('?', '¿'), starts with an interrogative word ("what", "do",
// "cuánto"; with kAll also "when", "onde", "hay"), or the message asks for information in other
// words ("how much", "do you have", "quiero saber", "vocês têm"; with kAll also "price",
// opening hours, address, returns, shipping, "busco", and requests made as statements: "I need
// a chain", "give me the pricing", "necesito"). Thread-safe.
bool IsQuestion(std::span<const Clause> clauses, QuestionCues cues = QuestionCues::kAll);

// True when `clause` is a question by its form: ended by '?', opened by '¿' or by an
// interrogative word ("what", "do", "cuánto"). Thread-safe.
bool OpensQuestion(const Clause& clause);

// True when `clause` asks for the business's information: prices, hours, address, returns,
// shipping ("I need the opening hours"), or to be told something ("tell me", "quiero saber").
// Thread-safe.
bool AsksForInformation(const Clause& clause);

enum class SmallTalk {
  kNone,            // there is more to the message than small talk
  kGreeting,        // "hi", "buenos días", "olá"
  kThanks,          // "thanks a lot", "gracias", "obrigado"
  kAcknowledgement  // "ok", "yes", "perfecto", "bye"
};

// What kind of small talk the whole message is, if it is only small talk. Thread-safe.
SmallTalk ClassifySmallTalk(std::span<const Clause> clauses);

// True when the whole message says yes ("yes please", "sure, thanks", "sí, claro", "pode ser",
// "that would be great"): a yes word, and nothing but thanks and agreeable words around it.
// Thread-safe.
bool IsAffirmative(std::span<const Clause> clauses);

// True when the whole message only says the customer does not know or cannot say yet ("not sure",
// "no idea", "I don't know", "depends", "no sé", "ni idea", "não sei", "talvez"). Thread-safe.
bool IsUnsure(std::span<const Clause> clauses);

// True when the whole message is a bare yes or no ("yes", "nope", "sí", "não"). Thread-safe.
bool IsYesOrNo(std::span<const Clause> clauses);

// True when `question` is answered by yes or no: it opens with an auxiliary verb ("Do you…",
// "Is there…", "¿Tiene…", "Você tem…") and offers no alternatives ("or", "o", "ou").
bool AsksYesOrNo(std::string_view question);

}  // namespace brain
