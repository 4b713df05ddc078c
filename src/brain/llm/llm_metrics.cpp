#include "brain/llm/llm_metrics.h"

namespace brain::llm {

LlmMetrics::LlmMetrics(base::Metrics& m)
    : requests(m.AddCounterFamily("llm_requests_total", "Calls to the language model, by result.",
                                  {"result"})),
      turn_seconds(m.AddHistogram("llm_turn_seconds",
                                  "A turn of the language model, from its first call to its "
                                  "proposal or its fallback.",
                                  {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60})),
      tokens(
          m.AddCounterFamily("llm_tokens_total", "Tokens the model reported, by kind.", {"kind"})),
      guard_rejections(m.AddCounterFamily(
          "llm_guard_rejections_total", "Proposals the guards refused, by problem.", {"problem"})),
      fallbacks(m.AddCounterFamily("llm_fallbacks_total", "Turns the fallback answered, by reason.",
                                   {"reason"})),
      circuit_open(m.AddGauge("llm_circuit_open", "1 while the endpoint's circuit is open.")) {}

}  // namespace brain::llm
