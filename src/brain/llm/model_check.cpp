#include "brain/llm/model_check.h"

#include "base/slow_call_guard.h"
#include "brain/llm/failure.h"
#include "brain/llm/tokens_in_memory.h"

namespace brain::llm {
namespace {

std::string Question(core::Language language) {
  switch (language) {
    case core::Language::kEs:
      return "¿Qué ofrecen?";
    case core::Language::kPt:
      return "O que vocês oferecem?";
    case core::Language::kEn:
      break;
  }
  return "What do you offer?";
}

struct Words {
  std::string_view reason;
  const char* words;
};

constexpr const char* kRateLimited =
    "the server is limiting requests for now: try again in a minute, or raise the account's "
    "rate limits";
constexpr const char* kRefused =
    "the server refused the request: check that it is OpenAI-compatible, and what extra_body "
    "sends";
constexpr const char* kUnusable =
    "the server answered, but the model's answers could not be used (not in the shape asked for, "
    "or against the agent's rules, even after a second chance): try another model";

}  // namespace

std::string OwnerWords(std::string_view reason) {
  static const Words kWords[] = {
      {ToString(FailureKind::kUnreachable),
       "the server could not be reached: check its address (base_url) and that it is running"},
      {ToString(FailureKind::kTimeout),
       "the server did not answer in time: it may be overloaded, or the model too slow"},
      {ToString(FailureKind::kRateLimited), kRateLimited},
      {ToString(FailureKind::kTooLargeForRate), kRateLimited},
      {ToString(FailureKind::kQuota),
       "the account's quota or credit is used up: add credit, or raise the limit with the "
       "provider"},
      {ToString(FailureKind::kBadKey),
       "the server refused the key: check the key in the variable api_key_env names, and its "
       "access to the model"},
      {ToString(FailureKind::kUnknownModel),
       "the server does not know the model: check model (or the deployment's name), and that the "
       "model is installed"},
      {ToString(FailureKind::kContextTooLong),
       "the agent's prompt does not fit the model's context: raise the server's context length, or "
       "shorten the business context"},
      {"truncated_prompt",
       "the server cut the agent's prompt short: raise its context length (e.g. "
       "OLLAMA_CONTEXT_LENGTH)"},
      {ToString(FailureKind::kParameterRejected), kRefused},
      {ToString(FailureKind::kRequestRejected), kRefused},
      {ToString(FailureKind::kToolsUnsupported),
       "the server refused both tool calling and structured output: switch one of them on at the "
       "server (docs/llm.md)"},
      {ToString(FailureKind::kToolCallFailed), kUnusable},
      {ToString(FailureKind::kMalformed), kUnusable},
      {ToString(FailureKind::kContentFiltered), "the provider's content filter stopped the answer"},
      {ToString(FailureKind::kBusy),
       "the server is busy or still loading the model: try again shortly"},
      {ToString(FailureKind::kServerError), "the server failed: try again, or look at its log"},
      {"deadline",
       "the model did not answer within the turn's deadline (turn_deadline): a faster model or "
       "server may be needed"},
  };
  for (const Words& w : kWords) {
    if (w.reason == reason) return w.words;
  }
  return "the model did not answer (" + std::string(reason) + ")";
}

base::Result<core::ModelCheck> CheckModel(const core::AgentConfig& config,
                                          const core::Catalog& catalog, LlmSettings settings,
                                          const Transport& transport, const Sleep& sleep,
                                          const base::Clock& clock) {
  if (const auto forbidden = base::SlowCallsForbidden()) {
    return base::Error::FailedPrecondition("the model may not be tested inside " +
                                           std::string(*forbidden));
  }
  // The local brain's fallback: its proposal then carries why the model did not answer.
  settings.fallback = Fallback::kLocalBrain;
  TokensInMemory tokens;
  EndpointState fresh(tokens);
  auto brain = LlmBrain::Create(config, catalog, settings, transport, sleep, clock, fresh);
  if (!brain.ok()) return brain.error();

  core::ModelCheck check;
  check.question = Question(config.default_language);
  const std::vector<std::string> said = {check.question};
  core::BrainInput input;
  input.customer_messages = said;
  input.language = config.default_language;
  auto proposal = (*brain)->Propose(input);
  if (!proposal.ok()) return proposal.error();
  if (!proposal->model) return base::Error::Internal("the local brain answered without the model");
  const core::ModelRecord& record = *proposal->model;
  if (!record.fallback.empty()) return base::Error::Unavailable(OwnerWords(record.fallback));
  check.model = record.model;
  check.tools = settings.endpoint.mode != OutputMode::kStructured && fresh.quirks().tools;
  check.sample = proposal->reply;
  if (proposal->handoff) check.handoff = core::ToString(proposal->handoff->reason);
  check.latency = record.latency;
  return check;
}

}  // namespace brain::llm
