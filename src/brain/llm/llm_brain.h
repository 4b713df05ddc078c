// The llm brain: any OpenAI-compatible chat-completions endpoint proposes, within the workflow's
// rules and the guards.
//
// One turn:
//   1. The local brain reads the turn first: an explicit request for a person and frustration
//      hand off at once and never reach the model; its language is the customer's.
//   2. The catalog and the business context are searched (the local brain's index): the best
//      products as rows, the best passages (the whole context when it fits).
//   3. The prompt (prompt.h) goes to the endpoint in tools or structured shape; search calls are
//      answered from the same index, up to `max_tool_rounds`.
//   4. The proposal (proposal.h) passes the guards (guards.h); a refused one gets one repair
//      round.
//   5. A failure follows PlanRetry (retry.h) within the turn's deadline; the endpoint's circuit
//      (circuit.h) skips a dead endpoint. What the endpoint refused (a parameter, tools) is
//      remembered for every later request (Quirks).
//   6. When the model cannot answer: the fallback, the local brain's proposal or a handoff with
//      reason ai_failure.
// The customer never sees a provider's error. A proposal the model took part in (answered, or
// the local brain's after the model failed) carries its core::ModelRecord: the model that
// answered, the turn's tokens, wall time and requests, and the fallback's reason.
//
// Thread-safety: Propose may run on many threads at once (the reply pool); the endpoint's state
// is shared and locked.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "brain/llm/circuit.h"
#include "brain/llm/endpoint.h"
#include "brain/llm/failure.h"
#include "brain/llm/llm_metrics.h"
#include "brain/llm/request.h"
#include "brain/llm/retry.h"
#include "brain/local/knowledge.h"
#include "brain/local/local_brain.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/model_check.h"
#include "core/product.h"
#include "core/token_usage.h"

namespace brain::llm {

// One HTTP exchange, handed in by the wiring (app/ gives http::Client). It returns the answer
// whatever its status, or an error when no answer came: `timed_out` tells a deadline from a
// connection that failed.
struct HttpReply {
  int status = 0;
  Headers headers;
  std::string body;
};
using Transport = std::function<base::Result<HttpReply>(const HttpRequest& request,
                                                        base::Duration timeout, bool& timed_out)>;
// Waits `d` before a retry: real time in production, the fake clock in tests.
using Sleep = std::function<void(base::Duration d)>;

enum class Fallback { kLocalBrain, kHandoff };

struct LlmSettings {
  Endpoint endpoint;
  RetrySettings retry;
  base::Duration turn_deadline = std::chrono::seconds{20};
  Fallback fallback = Fallback::kLocalBrain;
  std::size_t history_tokens = 2000;
  std::size_t context_tokens = 5000;  // the whole business context when it fits in this
  std::size_t max_products = 8;
  std::size_t max_passages = 4;
  int max_tool_rounds = 3;
  std::size_t max_reply_bytes = 1000;
  // A workspace's turns may use this many model tokens a day (UTC); then the local brain answers
  // (fallback reason "budget") until the day ends. 0: no budget.
  std::int64_t daily_tokens_per_workspace = 0;
};

// Shared by every brain of one endpoint: what it refused, its circuit, where the workspaces'
// tokens of the day are counted, and its metrics.
class EndpointState {
 public:
  // `tokens` and `metrics` (optional) are borrowed and must outlive the state.
  explicit EndpointState(core::TokenUsage& tokens, CircuitSettings circuit = {},
                         LlmMetrics* metrics = nullptr)
      : circuit_(circuit), tokens_(tokens), metrics_(metrics) {}
  LlmMetrics* metrics() const { return metrics_; }
  Quirks quirks() const;
  void Learn(const Failure& failure);  // a refused parameter, or no tools
  Circuit& circuit() { return circuit_; }
  // A turn's outcome for the circuit and the owner: Failed keeps the first failure of a run
  // (core::ModelProblem) until Succeeded clears it.
  void Failed(FailureKind kind, base::TimePoint now);
  void Succeeded();
  std::optional<core::ModelProblem> problem() const;
  core::TokenUsage& tokens() { return tokens_; }

 private:
  mutable std::mutex mutex_;
  Quirks quirks_;                              // guarded by mutex_
  std::optional<core::ModelProblem> problem_;  // guarded by mutex_
  Circuit circuit_;
  core::TokenUsage& tokens_;
  LlmMetrics* metrics_;
};

class LlmBrain final : public core::Brain {
 public:
  // Borrowed: `clock` and `endpoint` must outlive the brain. Errors: the local brain's.
  static base::Result<std::unique_ptr<LlmBrain>> Create(const core::AgentConfig& config,
                                                        const core::Catalog& catalog,
                                                        LlmSettings settings, Transport transport,
                                                        Sleep sleep, const base::Clock& clock,
                                                        EndpointState& endpoint);

  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override;

 private:
  struct Turn;
  LlmBrain(core::AgentConfig config, std::unique_ptr<LocalBrain> local, LlmSettings settings,
           Transport transport, Sleep sleep, const base::Clock& clock, EndpointState& endpoint);
  base::Result<core::Proposal> AskModel(Turn& turn) const;
  // The fallback's proposal, recording on it why and what the model took: the local brain's
  // (`fallback` local, when it answered), else a handoff to a person with reason ai_failure.
  base::Result<core::Proposal> FallBack(const base::Result<core::Proposal>& local,
                                        const std::string& why, core::ModelRecord record,
                                        Fallback fallback) const;

  core::AgentConfig config_;
  std::unique_ptr<LocalBrain> local_;
  const Knowledge& knowledge_;  // the local brain's: the catalog and context indexed once
  const std::string facts_;     // the business context without its rules (FactsText)
  // The numbers of the facts, sorted: the guards' ground when the whole context is given, read
  // once rather than every turn.
  std::vector<std::string> context_numbers_;
  LlmSettings settings_;
  Transport transport_;
  Sleep sleep_;
  const base::Clock& clock_;
  EndpointState& endpoint_;
};

}  // namespace brain::llm
