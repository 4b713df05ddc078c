// What the llm brains of an instance report on /metrics:
//   llm_requests_total{result}       calls to the endpoint: ok, or the failure's kind
//   llm_turn_seconds                 histogram: a turn from the first call to its proposal
//   llm_tokens_total{kind}           prompt | completion | cached (of prompt)
//   llm_guard_rejections_total{problem}  proposals the guards refused, by problem
//   llm_fallbacks_total{reason}      turns the fallback answered: circuit_open, or the failure
//   llm_circuit_open                 1 while the endpoint's circuit is open
// Thread-safety: every counter is safe to update from any thread.
#pragma once

#include "base/metrics.h"

namespace brain::llm {

struct LlmMetrics {
  explicit LlmMetrics(base::Metrics& m);
  base::CounterFamily& requests;
  base::Histogram& turn_seconds;
  base::CounterFamily& tokens;
  base::CounterFamily& guard_rejections;
  base::CounterFamily& fallbacks;
  base::Gauge& circuit_open;
};

}  // namespace brain::llm
