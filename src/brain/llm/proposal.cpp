#include "brain/llm/proposal.h"

#include "brain/llm/schema.h"

namespace brain::llm {
namespace {

using nlohmann::json;

base::Error Invalid(const std::string& what) { return base::Error::InvalidArgument(what); }

base::Result<core::HandoffProposal> HandoffFrom(const json& h) {
  if (!h.is_object()) return Invalid("handoff must be an object or null");
  const auto reason = h.find("reason");
  if (reason == h.end() || !reason->is_string()) return Invalid("handoff.reason is missing");
  const auto parsed = core::ParseHandoffReason(reason->get<std::string>());
  // The workflow alone decides a lead is qualified, and a failure is not the model's to claim.
  if (!parsed || *parsed == core::HandoffReason::kQualified ||
      *parsed == core::HandoffReason::kAiFailure) {
    return Invalid("handoff.reason \"" + reason->get<std::string>() + "\" is not one of the enum");
  }
  const auto detail = h.find("detail");
  return core::HandoffProposal{*parsed, detail != h.end() && detail->is_string()
                                            ? detail->get<std::string>()
                                            : std::string()};
}

core::AnswerProposal AnswerFrom(std::string text, const TurnFacts& facts) {
  return {facts.answerable ? facts.answerable->index : -1, std::move(text)};
}

}  // namespace

base::Result<core::Proposal> ProposalFromTurn(const json& turn, const TurnFacts& facts) {
  if (!turn.is_object()) return Invalid("the answer must be a JSON object");
  core::Proposal p;
  p.language = facts.language;
  if (const auto reply = turn.find("reply"); reply != turn.end() && !reply->is_null()) {
    if (!reply->is_string()) return Invalid("reply must be a string");
    p.reply = reply->get<std::string>();
  }
  if (const auto language = turn.find("language"); language != turn.end() && !language->is_null()) {
    const auto parsed =
        language->is_string() ? core::ParseLanguage(language->get<std::string>()) : std::nullopt;
    if (!parsed) return Invalid("language must be one of en, es, pt");
    p.language = *parsed;
  }
  for (const char* flag : {"asked", "answered"}) {
    if (const auto v = turn.find(flag); v != turn.end() && !v->is_null()) {
      if (!v->is_boolean()) return Invalid(std::string(flag) + " must be true or false");
      (std::string_view(flag) == "asked" ? p.asked : p.answered) = v->get<bool>();
    }
  }
  if (const auto h = turn.find("handoff"); h != turn.end() && !h->is_null()) {
    auto handoff = HandoffFrom(*h);
    if (!handoff.ok()) return handoff.error();
    p.handoff = *handoff;
  }
  if (const auto a = turn.find("answer"); a != turn.end() && !a->is_null()) {
    if (!a->is_string()) return Invalid("answer must be a string or null");
    if (!a->get<std::string>().empty()) p.answer = AnswerFrom(a->get<std::string>(), facts);
  }
  if (const auto cited = turn.find("cited_products"); cited != turn.end() && !cited->is_null()) {
    if (!cited->is_array()) return Invalid("cited_products must be an array of names");
    for (const json& name : *cited) {
      if (!name.is_string()) return Invalid("cited_products must be an array of names");
      p.cited_products.push_back(name.get<std::string>());
    }
  }
  if (p.reply.empty() && !p.handoff && !p.answer) return Invalid("reply is missing");
  return p;
}

base::Result<core::Proposal> ProposalFromContent(std::string_view content, const TurnFacts& facts) {
  const json turn = json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (turn.is_discarded()) return Invalid("the answer is not JSON");
  return ProposalFromTurn(turn, facts);
}

base::Result<core::Proposal> ProposalFromCalls(const std::vector<ToolCall>& calls,
                                               const TurnFacts& facts) {
  std::optional<core::Proposal> proposal;
  std::optional<core::HandoffProposal> handoff;
  std::optional<std::string> answer;
  for (const ToolCall& call : calls) {
    if (call.name == kSearchCatalog || call.name == kSearchContext) continue;
    if (!call.arguments.is_object()) {
      return Invalid("the arguments of " + call.name + " are not a JSON object");
    }
    if (call.name == kRespond) {
      auto p = ProposalFromTurn(call.arguments, facts);
      if (!p.ok()) return p.error();
      proposal = std::move(*p);
    } else if (call.name == kHandoff) {
      auto h = HandoffFrom(call.arguments);
      if (!h.ok()) return h.error();
      handoff = *h;
    } else if (call.name == kRecordAnswer) {
      const auto a = call.arguments.find("answer");
      if (a == call.arguments.end() || !a->is_string())
        return Invalid("record_answer needs answer");
      answer = a->get<std::string>();
    } else {
      return Invalid("there is no tool named \"" + call.name + "\"");
    }
  }
  if (!proposal && !handoff && !answer) {
    return base::Error::NotFound("no final call yet: the model is still searching");
  }
  core::Proposal p = proposal.value_or(core::Proposal{});
  if (!proposal) p.language = facts.language;
  if (handoff && !p.handoff) p.handoff = handoff;
  if (answer && !p.answer && !answer->empty()) p.answer = AnswerFrom(*answer, facts);
  return p;
}

}  // namespace brain::llm
