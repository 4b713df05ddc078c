#include "brain/llm/llm_brain.h"

#include <algorithm>
#include <cmath>

#include "brain/llm/completion.h"
#include "brain/llm/guards.h"
#include "brain/llm/prompt.h"
#include "brain/llm/proposal.h"
#include "brain/llm/schema.h"
#include "brain/local/language.h"
#include "text/tokenizer.h"

namespace brain::llm {
namespace {

using nlohmann::json;

// A prompt the server answered with this share of our estimate or less was cut on its side
// (Ollama keeps the end of a prompt that overflows its context, and answers 200).
constexpr double kTruncatedShare = 0.5;
constexpr std::size_t kResultsPerSearch = 5;

std::string JoinWords(const std::vector<std::string>& messages) {
  std::string all;
  for (const std::string& m : messages) all += m + "\n";
  return all;
}

// Counts an answer: on the turn's record (the model that answered, its tokens) and in the metrics.
void Count(core::ModelRecord& record, LlmMetrics* metrics, const Completion& answer) {
  if (!answer.model.empty()) record.model = answer.model;
  record.prompt_tokens += std::max(0, answer.usage.prompt_tokens);
  record.completion_tokens += std::max(0, answer.usage.completion_tokens);
  if (metrics != nullptr) metrics->CountUsage(answer.usage);
}

// A stable jitter in [0, 1) for the n-th attempt (golden ratio steps).
double Jitter(int attempt) {
  const double x = attempt * 0.6180339887;
  return x - std::floor(x);
}

bool IsWholeContext(const std::string& context, std::size_t budget) {
  return EstimateTokens(context) <= budget;
}

}  // namespace

Quirks EndpointState::quirks() const {
  std::lock_guard lock(mutex_);
  return quirks_;
}

void EndpointState::Learn(const Failure& failure) {
  std::lock_guard lock(mutex_);
  if (failure.kind == FailureKind::kToolsUnsupported) quirks_.tools = false;
  if (failure.kind != FailureKind::kParameterRejected) return;
  if (failure.param == "max_tokens") quirks_.cap_as_max_completion_tokens = true;
  if (failure.param == "temperature") quirks_.send_temperature = false;
}

namespace {

// Failures that say something about the endpoint rather than about one turn's request.
bool IsTheEndpoints(FailureKind kind) {
  switch (kind) {
    case FailureKind::kUnreachable:
    case FailureKind::kTimeout:
    case FailureKind::kRateLimited:
    case FailureKind::kQuota:
    case FailureKind::kBadKey:
    case FailureKind::kUnknownModel:
    case FailureKind::kBusy:
    case FailureKind::kServerError:
      return true;
    default:
      return false;
  }
}

}  // namespace

void EndpointState::Failed(FailureKind kind, base::TimePoint now) {
  circuit_.Failed(kind, now);
  if (!IsTheEndpoints(kind)) return;
  std::lock_guard lock(mutex_);
  // The first failure of a run stays, unless a later one needs someone to act.
  if (problem_ && (problem_->needs_owner || !NeedsTheOwner(kind))) return;
  problem_ = core::ModelProblem{std::string(ToString(kind)), NeedsTheOwner(kind),
                                problem_ ? problem_->since : now};
}

void EndpointState::Succeeded() {
  circuit_.Succeeded();
  std::lock_guard lock(mutex_);
  problem_.reset();
}

std::optional<core::ModelProblem> EndpointState::problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

struct LlmBrain::Turn {
  const core::BrainInput& input;
  TurnFacts facts;
  GuardContext guard;
  PromptInput prompt_input;
  Prompt prompt;
  json messages;
  base::TimePoint deadline;
  TurnSoFar so_far;
  core::ModelRecord record;  // what the turn took, for the AI message
};

LlmBrain::LlmBrain(core::AgentConfig config, std::unique_ptr<LocalBrain> local,
                   LlmSettings settings, Transport transport, Sleep sleep, const base::Clock& clock,
                   EndpointState& endpoint)
    : config_(std::move(config)),
      local_(std::move(local)),
      knowledge_(local_->knowledge()),
      facts_(FactsText(knowledge_.context())),
      context_numbers_(NumbersIn(facts_)),
      settings_(std::move(settings)),
      transport_(std::move(transport)),
      sleep_(std::move(sleep)),
      clock_(clock),
      endpoint_(endpoint) {
  std::ranges::sort(context_numbers_);
}

base::Result<std::unique_ptr<LlmBrain>> LlmBrain::Create(const core::AgentConfig& config,
                                                         const core::Catalog& catalog,
                                                         LlmSettings settings, Transport transport,
                                                         Sleep sleep, const base::Clock& clock,
                                                         EndpointState& endpoint) {
  auto local = LocalBrain::Create(config, catalog);
  if (!local.ok()) return local.error();
  return std::unique_ptr<LlmBrain>(new LlmBrain(config, std::move(*local), std::move(settings),
                                                std::move(transport), std::move(sleep), clock,
                                                endpoint));
}

// `why` starts with its reason ("circuit_open", a failure kind, "deadline"), then ':' and more.
base::Result<core::Proposal> LlmBrain::FallBack(const base::Result<core::Proposal>& local,
                                                const std::string& why, core::ModelRecord record,
                                                Fallback fallback) const {
  const std::string reason = why.substr(0, why.find(':'));
  if (LlmMetrics* m = endpoint_.metrics()) m->fallbacks.WithLabels({reason}).Increment();
  record.fallback = reason;
  core::Proposal answered;
  if (fallback == Fallback::kLocalBrain && local.ok()) {
    answered = *local;
  } else {
    // A person answers. The provider's own words never go further (they may quote the key).
    answered.language = local.ok() ? local->language : config_.default_language;
    answered.handoff = core::HandoffProposal{core::HandoffReason::kAiFailure,
                                             "the language model did not answer (" + reason + ")"};
  }
  answered.model = std::move(record);
  return answered;
}

base::Result<core::Proposal> LlmBrain::Propose(const core::BrainInput& input) const {
  // The local brain reads first: a request for a person, or frustration, never reaches the model.
  const base::Result<core::Proposal> local = local_->Propose(input);
  if (local.ok() && local->handoff) return local;
  if (input.customer_messages.empty()) return local;  // nothing to read: say so, locally
  const core::Language language =
      local.ok() ? local->language : input.language.value_or(config_.default_language);
  const base::TimePoint started = clock_.Now();
  Turn turn{input, {core::AnswerableQuestion(input), language}, {}, {}, {}, {}, {}, {}, {}};
  turn.record.model = settings_.endpoint.model;
  // A spent budget is the workspace's own limit, not a failure: the local brain answers it. A
  // count that cannot be read does not stop the turn.
  if (const std::int64_t budget = settings_.daily_tokens_per_workspace; budget > 0 && local.ok()) {
    const base::Result<std::int64_t> used =
        endpoint_.tokens().TokensUsed(input.workspace_id, core::UtcDay(started));
    if (used.ok() && *used >= budget) {
      return FallBack(local, "budget", turn.record, Fallback::kLocalBrain);
    }
  }
  if (!endpoint_.circuit().Allow(started))
    return FallBack(local, "circuit_open", turn.record, settings_.fallback);

  const std::vector<std::string> words = text::Words(JoinWords(input.customer_messages));
  const auto ranked = knowledge_.Rank(words, StemLanguage(language), settings_.max_products,
                                      settings_.max_passages);
  PromptInput& p = turn.prompt_input;
  p.config = &config_;
  p.products = ranked.products;
  for (const ContextRule& rule : knowledge_.context().rules) p.owner_rules.push_back(rule.text);
  const bool whole_context = IsWholeContext(facts_, settings_.context_tokens);
  if (whole_context) {
    if (!facts_.empty()) p.passages = {facts_};
  } else {
    for (const Passage* passage : ranked.passages) {
      p.passages.push_back(passage->heading.empty() ? passage->body
                                                    : passage->heading + "\n" + passage->body);
    }
  }
  p.turn = &input;
  p.language = language;
  p.history_tokens = settings_.history_tokens;
  turn.prompt = BuildPrompt(p);
  turn.messages = turn.prompt.messages;
  if (whole_context) {
    // The context's numbers were read once; the rows are this turn's.
    for (const core::Product* product : ranked.products) {
      turn.guard.data += ProductRow(*product) + "\n";
    }
    turn.guard.also_grounded = &context_numbers_;
  } else {
    turn.guard.data = turn.prompt.data;
  }
  for (const core::Product& product : knowledge_.products()) {
    turn.guard.product_names.push_back(product.name);
  }
  turn.guard.rules = p.owner_rules;
  turn.guard.customer_messages = input.customer_messages;
  turn.guard.answerable = core::AnswerableQuestion(input);
  turn.guard.language = language;
  turn.guard.max_reply_bytes = settings_.max_reply_bytes;
  turn.deadline = clock_.Now() + settings_.turn_deadline;

  auto proposed = AskModel(turn);
  endpoint_.circuit().Ended();  // a probe that ended without a verdict frees its place
  turn.record.attempts = turn.so_far.attempts;
  turn.record.latency = clock_.Now() - started;
  // A count that cannot be written only lets the workspace spend more today.
  (void)endpoint_.tokens().AddTokens(
      input.workspace_id, core::UtcDay(started),
      std::int64_t{turn.record.prompt_tokens} + turn.record.completion_tokens);
  if (LlmMetrics* m = endpoint_.metrics()) {
    m->turn_seconds.Observe(std::chrono::duration<double>(clock_.Now() - started).count());
    m->circuit_open.Set(endpoint_.circuit().State(clock_.Now()) == CircuitState::kOpen ? 1 : 0);
  }
  if (!proposed.ok())
    return FallBack(local, proposed.error().message, std::move(turn.record), settings_.fallback);
  proposed->model = std::move(turn.record);
  return proposed;
}

base::Result<core::Proposal> LlmBrain::AskModel(Turn& turn) const {
  Shape shape =
      settings_.endpoint.mode == OutputMode::kStructured ? Shape::kStructured : Shape::kTools;
  int searches = 0;
  while (true) {
    const base::TimePoint now = clock_.Now();
    if (now >= turn.deadline) return base::Error::Unavailable("deadline: the turn's time ran out");
    const Quirks quirks = endpoint_.quirks();
    if (!quirks.tools) shape = Shape::kStructured;
    const HttpRequest request = BuildRequest(settings_.endpoint, quirks, shape, turn.messages);
    bool timed_out = false;
    auto reply = transport_(request, std::min(settings_.retry.attempt_timeout, turn.deadline - now),
                            timed_out);
    ++turn.so_far.attempts;
    LlmMetrics* const metrics = endpoint_.metrics();

    Failure failure;
    std::string repair;        // what to tell the model about its answer
    bool model_fault = false;  // the answer was refused, the endpoint worked
    if (!reply.ok()) {
      failure.kind = timed_out ? FailureKind::kTimeout : FailureKind::kUnreachable;
      failure.detail = reply.error().message;
    } else if (reply->status != 200) {
      failure = ClassifyError(reply->status, reply->headers, reply->body, clock_.Now());
    } else if (auto c = ReadCompletion(reply->body); !c.ok()) {
      failure = {FailureKind::kMalformed, 200, c.error().message};
      repair = "Your answer could not be read: " + c.error().message + ".";
    } else if (Count(turn.record, metrics, *c); c->finish == Finish::kError) {
      failure = {FailureKind::kServerError, 200, c->error};
    } else if (c->finish == Finish::kContentFilter) {
      failure = {FailureKind::kContentFiltered, 200, "the answer was filtered"};
    } else if (c->usage.reported && c->usage.prompt_tokens > 0 &&
               c->usage.prompt_tokens < kTruncatedShare * turn.prompt.estimated_tokens) {
      // Not retried: the same prompt would be cut the same way.
      endpoint_.Failed(FailureKind::kContextTooLong, clock_.Now());
      if (metrics != nullptr) metrics->requests.WithLabels({"truncated_prompt"}).Increment();
      return base::Error::Unavailable(
          "truncated_prompt: the server cut the prompt short (raise its context length, e.g. "
          "OLLAMA_CONTEXT_LENGTH)");
    } else if (c->finish == Finish::kLength) {
      failure = {FailureKind::kMalformed, 200, "the answer was cut off at the token cap"};
      repair = "Your answer was cut off: answer again, shorter.";
    } else if (c->refusal) {
      failure = {FailureKind::kContentFiltered, 200, "the model declined"};
    } else {
      base::Result<core::Proposal> proposal = base::Error::Internal("unread");
      if (shape == Shape::kTools && !c->tool_calls.empty()) {
        proposal = ProposalFromCalls(c->tool_calls, turn.facts);
        if (!proposal.ok() && proposal.error().code == base::ErrorCode::kNotFound &&
            ++searches <= settings_.max_tool_rounds) {
          // The model searched: answer from the same index, and ask again (not a failure).
          json call_list = json::array();
          for (const ToolCall& call : c->tool_calls) {
            call_list.push_back(
                {{"id", call.id},
                 {"type", "function"},
                 {"function", {{"name", call.name}, {"arguments", call.arguments.dump()}}}});
          }
          turn.messages.push_back(
              {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", call_list}});
          for (const ToolCall& call : c->tool_calls) {
            const std::vector<std::string> query =
                text::Words(call.arguments.is_object() ? call.arguments.value("query", "") : "");
            const auto found = knowledge_.Rank(query, StemLanguage(turn.facts.language),
                                               kResultsPerSearch, kResultsPerSearch);
            std::string result;
            if (call.name == kSearchCatalog) {
              for (const core::Product* product : found.products)
                result += ProductRow(*product) + "\n";
            } else {
              for (const Passage* passage : found.passages) result += passage->body + "\n";
            }
            if (result.empty()) result = "(nothing found)";
            turn.guard.data += "\n" + result;
            turn.messages.push_back(
                {{"role", "tool"}, {"tool_call_id", call.id}, {"content", result}});
          }
          --turn.so_far.attempts;
          if (metrics != nullptr) metrics->requests.WithLabels({"ok"}).Increment();
          continue;
        }
      } else if (shape == Shape::kTools) {
        proposal = ProposalFromTurn(json{{"reply", c->content}}, turn.facts);  // plain words
      } else {
        proposal = ProposalFromContent(c->content, turn.facts);
      }
      if (!proposal.ok()) {
        failure = {FailureKind::kMalformed, 200, proposal.error().message};
        repair = "Your answer could not be used: " + proposal.error().message + ".";
      } else if (const auto problems = CheckProposal(*proposal, turn.guard); !problems.empty()) {
        std::string why;
        for (GuardProblem problem : problems) {
          why += (why.empty() ? "" : ", ") + std::string(ToString(problem));
          if (metrics != nullptr) {
            metrics->guard_rejections.WithLabels({ToString(problem)}).Increment();
          }
        }
        failure = {FailureKind::kMalformed, 200, "refused by the guards: " + why};
        repair = "Your answer broke the rules (" + why +
                 "). Answer again: only facts and numbers from the data, in the customer's "
                 "language, no promises, and a handoff only as the handoff field.";
        model_fault = true;
      } else {
        if (metrics != nullptr) metrics->requests.WithLabels({"ok"}).Increment();
        endpoint_.Succeeded();
        return proposal;
      }
      if (!repair.empty() && !c->content.empty()) {
        turn.messages.push_back({{"role", "assistant"}, {"content", c->content}});
      }
    }

    if (metrics != nullptr) {
      if (model_fault) {
        metrics->requests.WithLabels({"ok"}).Increment();
      } else {
        metrics->requests.WithLabels({ToString(failure.kind)}).Increment();
      }
    }
    const RetryPlan plan = PlanRetry(failure, turn.so_far, clock_.Now(), turn.deadline,
                                     settings_.retry, Jitter(turn.so_far.attempts));
    switch (plan.remedy) {
      case Remedy::kGiveUp:
        if (!model_fault) endpoint_.Failed(failure.kind, clock_.Now());
        return base::Error::Unavailable(std::string(ToString(failure.kind)) + ": " +
                                        failure.detail);
      case Remedy::kRetry:
        turn.so_far.retried = true;
        if (plan.wait.count() > 0) sleep_(plan.wait);
        break;
      case Remedy::kShrinkPrompt: {
        turn.so_far.shrunk = true;
        PromptInput smaller = turn.prompt_input;
        smaller.history_tokens /= 2;
        smaller.passages.resize(std::min<std::size_t>(smaller.passages.size(), 1));
        smaller.products.resize(std::min<std::size_t>(smaller.products.size(), 3));
        turn.prompt = BuildPrompt(smaller);
        turn.messages = turn.prompt.messages;
        break;
      }
      case Remedy::kAdjustRequest:
        turn.so_far.adjusted = true;
        endpoint_.Learn(failure);
        break;
      case Remedy::kStructuredOutput:
        turn.so_far.switched = true;
        endpoint_.Learn(failure);
        shape = Shape::kStructured;
        turn.messages = turn.prompt.messages;  // without the tool exchanges
        break;
      case Remedy::kRepair:
        turn.so_far.repaired = true;
        turn.messages.push_back(
            {{"role", "user"},
             {"content", repair.empty() ? "Answer again, in the format asked." : repair}});
        break;
    }
  }
}

}  // namespace brain::llm
