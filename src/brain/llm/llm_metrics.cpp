#include "brain/llm/llm_metrics.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace brain::llm {

LlmMetrics::LlmMetrics(base::Metrics& m, Prices prices)
    : requests(m.AddCounterFamily("llm_requests_total", "Calls to the language model, by result.",
                                  {"result"})),
      turn_seconds(m.AddHistogram("llm_turn_seconds",
                                  "A turn of the language model, from its first call to its "
                                  "proposal or its fallback.",
                                  {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60})),
      tokens(
          m.AddCounterFamily("llm_tokens_total", "Tokens the model reported, by kind.", {"kind"})),
      cost(m.AddGaugeFamily("llm_cost_total",
                            "What the answered requests cost at the configured prices; only "
                            "goes up.",
                            {"currency"})),
      guard_rejections(m.AddCounterFamily(
          "llm_guard_rejections_total", "Proposals the guards refused, by problem.", {"problem"})),
      fallbacks(m.AddCounterFamily("llm_fallbacks_total", "Turns the fallback answered, by reason.",
                                   {"reason"})),
      circuit_open(m.AddGauge("llm_circuit_open", "1 while the endpoint's circuit is open.")),
      prices(std::move(prices)) {}

void LlmMetrics::CountUsage(const Usage& usage) {
  if (!usage.reported) return;
  const int prompt = std::max(0, usage.prompt_tokens);
  const int completion = std::max(0, usage.completion_tokens);
  tokens.WithLabels({"prompt"}).Increment(static_cast<std::uint64_t>(prompt));
  tokens.WithLabels({"completion"}).Increment(static_cast<std::uint64_t>(completion));
  tokens.WithLabels({"cached"})
      .Increment(static_cast<std::uint64_t>(std::max(0, usage.cached_tokens)));
  if (!prices.priced()) return;
  constexpr double kTokensPerPrice = 1e6;  // prices are per million tokens
  cost.WithLabels({prices.currency})
      .Add((prompt * prices.input_per_million + completion * prices.output_per_million) /
           kTokensPerPrice);
}

}  // namespace brain::llm
