#include "brain/local/local_brain.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "brain/local/clause.h"
#include "brain/local/frustration.h"
#include "brain/local/intent.h"
#include "brain/local/intent_lexicon.h"
#include "brain/local/language.h"
#include "brain/local/need.h"
#include "brain/local/question.h"
#include "brain/local/replies.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

// A message of at most this many words may name a topic without asking ("running shoes?").
constexpr std::size_t kMaxTopicWords = 4;

std::string Join(const std::vector<std::string>& messages) {
  std::string out;
  for (const std::string& m : messages) {
    if (!out.empty()) out += '\n';
    out += m;
  }
  return out;
}

std::string Quote(std::string_view why, std::string_view text) {
  return std::string(why) + ": \"" + Shorten(base::Trim(text), kMaxDetailQuoteChars) + "\"";
}

// The AI's last message offered a person (see Fallback) and the customer says yes.
bool AcceptsOffer(std::span<const core::Message> history, std::span<const Clause> clauses) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->author == core::Author::kCustomer) continue;
    return it->author == core::Author::kAi && OffersPerson(it->text) && IsAffirmative(clauses);
  }
  return false;
}

// Whether a message that asks nothing answers the pending question: small talk does not ("ok",
// "thanks!", "hello"), but a bare yes or no answers a question asked for one.
bool AnswersPending(std::span<const Clause> clauses, SmallTalk small_talk,
                    const core::PendingQuestion& pending) {
  if (small_talk == SmallTalk::kNone) return true;
  return small_talk == SmallTalk::kAcknowledgement && AsksYesOrNo(pending.text) &&
         IsYesOrNo(clauses);
}

// The problem a customer describes in their first messages ("my chain broke"), as the answer to
// the next question when it asks for it ("What do you need help with?"): the workflow notes it
// rather than asking. Only before the AI has said anything, when the need is what they came with.
std::optional<core::AnswerProposal> StatedNeed(const core::BrainInput& input,
                                               std::span<const Clause> clauses,
                                               std::string_view text) {
  const auto& next = input.next_question;
  if (!next || next->type != core::QuestionType::kText || !AsksForNeed(next->text)) {
    return std::nullopt;
  }
  const bool first = std::none_of(input.history.begin(), input.history.end(),
                                  [](const auto& m) { return m.author == core::Author::kAi; });
  if (!first || !StatesNeed(clauses)) return std::nullopt;
  return core::AnswerProposal{next->index, WithoutOpeningSmallTalk(text)};
}

core::HandoffProposal Handoff(core::HandoffReason reason, std::string detail) {
  core::HandoffProposal h;
  h.reason = reason;
  h.detail = std::move(detail);
  return h;
}

}  // namespace

LocalBrain::LocalBrain(core::Language default_language, Knowledge knowledge)
    : default_language_(default_language), knowledge_(std::move(knowledge)) {}

base::Result<std::unique_ptr<LocalBrain>> LocalBrain::Create(const core::AgentConfig& config,
                                                             const core::Catalog& catalog) {
  try {
    auto knowledge = Knowledge::Build(catalog.products, config);
    if (!knowledge.ok()) return knowledge.error();
    return std::unique_ptr<LocalBrain>(
        new LocalBrain(config.default_language, std::move(knowledge).value()));
  } catch (const std::exception&) {  // out of memory while indexing
    return base::Error::Internal("the local brain could not index the catalog and context");
  }
}

base::Result<core::Proposal> LocalBrain::Propose(const core::BrainInput& input) const {
  try {
    return Decide(input);
  } catch (const std::exception&) {  // out of memory: the workflow hands off (ai_failure)
    return base::Error::Internal("the local brain failed to read the message");
  }
}

core::Proposal LocalBrain::Decide(const core::BrainInput& input) const {
  const std::string text = Join(input.customer_messages);
  const std::vector<text::Token> tokens = text::Tokenize(text);
  const std::vector<Clause> clauses = SplitClauses(tokens);
  core::Proposal p;
  p.language = DetectLanguage(text, tokens, input.language.value_or(default_language_));
  if (clauses.empty()) {
    // No words to read (an emoji, or only attachments): say what could not be opened, if anything.
    p.reply = CannotRead(input.attachments, p.language);
    return p;
  }

  const bool pending = input.pending_question.has_value();
  const HandoffCue cue = DetectHandoff(clauses);
  // A bare role ("Manager") answering a pending question is an answer, not a request.
  if (cue == HandoffCue::kRequest || (cue == HandoffCue::kBareRole && !pending)) {
    p.handoff = Handoff(core::HandoffReason::kCustomerRequest,
                        Quote("the customer asked for a person", text));
    return p;
  }
  if (IsFrustrated(text, clauses)) {
    p.handoff =
        Handoff(core::HandoffReason::kFrustration, Quote("the customer seems frustrated", text));
    return p;
  }
  if (AcceptsOffer(input.history, clauses)) {
    p.handoff = Handoff(core::HandoffReason::kCustomerRequest,
                        Quote("the customer accepted the offer of a person", text));
    return p;
  }

  const SmallTalk small_talk = ClassifySmallTalk(clauses);
  p.answer = StatedNeed(input, clauses, text);
  p.asked = IsQuestion(clauses);
  const std::vector<std::string> words = TopicWords(clauses);
  std::optional<Found> found;
  if (small_talk == SmallTalk::kNone) found = knowledge_.Find(words, StemLanguage(p.language));
  // What the message does to the pending question, if one is pending and nothing is asked.
  const bool may_answer = pending && !IsQuestion(clauses, QuestionCues::kExplicit);
  const bool unsure = may_answer && IsUnsure(clauses);
  std::optional<core::AnswerProposal> answer;
  if (may_answer && !unsure && AnswersPending(clauses, small_talk, *input.pending_question)) {
    answer = core::AnswerProposal{input.pending_question->index, std::string(base::Trim(text))};
  }
  // A topic the business keeps for people is handed to them, asked about or only mentioned; an
  // answer to the pending question in the same words is kept ("A restaurant" kept for wholesale).
  if (found && found->reserved != nullptr) {
    p.handoff =
        Handoff(core::HandoffReason::kReservedTopic,
                Quote("the business context keeps this topic for people", found->reserved->text));
    if (answer) p.answer = std::move(answer);
    return p;
  }
  if (unsure || answer) {  // with doubt, the workflow asks again in other words
    p.asked = false;
    p.reply = unsure ? NoProblemReply(p.language) : AnswerThanks(p.language);
    p.answer = std::move(answer);
    return p;
  }

  if (!p.asked && small_talk != SmallTalk::kNone) {
    if (small_talk == SmallTalk::kGreeting) p.reply = GreetingReply(p.language);
    if (small_talk == SmallTalk::kThanks) p.reply = ThanksReply(p.language);
    return p;
  }

  if (found && (p.asked || words.size() <= kMaxTopicWords)) {
    p.asked = true;
    p.answered = true;
    if (found->passage != nullptr) {
      p.reply = QuoteSentences(found->passage->heading, found->sentences, p.language);
    } else {
      p.reply = found->unmatched.empty()
                    ? DescribeProducts(found->products, p.language)
                    : DescribeAlternatives(found->unmatched, found->products, p.language);
      for (const core::Product* product : found->products) {
        p.cited_products.push_back(product->name);
      }
    }
    return p;
  }
  // Words that find nothing next to a photo or a voice note are probably about it ("how much is
  // this?"): saying what could not be opened helps more than the general "I'm not sure".
  const std::string cannot_read = CannotRead(input.attachments, p.language);
  p.reply = cannot_read.empty() ? Fallback(p.language) : cannot_read;
  return p;
}

}  // namespace brain
