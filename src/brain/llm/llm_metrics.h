// What the llm brains of an instance report on /metrics:
//   llm_requests_total{result}       calls to the endpoint: ok, or the failure's kind
//   llm_turn_seconds                 histogram: a turn from the first call to its proposal
//   llm_tokens_total{kind}           prompt | completion | cached (of prompt)
//   llm_cost_total{currency}         what the answered requests cost, at the operator's prices
//                                    (no series while unpriced). A gauge family only because a
//                                    counter holds whole numbers: it never goes down.
//   llm_guard_rejections_total{problem}  proposals the guards refused, by problem
//   llm_fallbacks_total{reason}      turns the fallback answered: circuit_open, or the failure
//   llm_circuit_open                 1 while the endpoint's circuit is open
// Thread-safety: every counter is safe to update from any thread.
#pragma once

#include <string>

#include "base/metrics.h"
#include "brain/llm/completion.h"

namespace brain::llm {

// What the operator pays the provider per million tokens, in its own currency; 0 is not priced.
struct Prices {
  double input_per_million = 0;   // prompt tokens (cached ones included)
  double output_per_million = 0;  // completion tokens
  std::string currency = "USD";   // the label of llm_cost_total
  bool priced() const { return input_per_million > 0 || output_per_million > 0; }
};

struct LlmMetrics {
  explicit LlmMetrics(base::Metrics& m, Prices prices = {});

  // Counts an answered request's usage: its tokens by kind and, when priced, its cost. Nothing
  // when the answer carried no usage; negative counts count as 0.
  void CountUsage(const Usage& usage);

  base::CounterFamily& requests;
  base::Histogram& turn_seconds;
  base::CounterFamily& tokens;
  base::GaugeFamily& cost;
  base::CounterFamily& guard_rejections;
  base::CounterFamily& fallbacks;
  base::Gauge& circuit_open;
  const Prices prices;
};

}  // namespace brain::llm
