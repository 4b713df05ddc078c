// What an answered request's usage adds to the llm metrics: tokens by kind, and its cost at the
// operator's prices in the operator's currency.
#include "brain/llm/llm_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace brain::llm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Usage Used(int prompt, int completion, int cached = 0) {
  return {.prompt_tokens = prompt,
          .completion_tokens = completion,
          .cached_tokens = cached,
          .reported = true};
}

TEST(LlmMetricsTest, UsageCountsTokensAndTheirCostAtThePrices) {
  base::Metrics registry;
  LlmMetrics metrics(registry,
                     {.input_per_million = 2.5, .output_per_million = 10, .currency = "BRL"});
  metrics.CountUsage(Used(1843, 27, 1536));
  metrics.CountUsage(Used(157, 73));
  metrics.CountUsage({});  // an answer without usage costs nothing known
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("llm_tokens_total{kind=\"prompt\"} 2000\n"));
  EXPECT_THAT(text, HasSubstr("llm_tokens_total{kind=\"completion\"} 100\n"));
  EXPECT_THAT(text, HasSubstr("llm_tokens_total{kind=\"cached\"} 1536\n"));
  // 2000 × 2.5 / 1e6 + 100 × 10 / 1e6
  EXPECT_DOUBLE_EQ(metrics.cost.WithLabels({"BRL"}).Value(), 0.006);
  EXPECT_THAT(text, HasSubstr("llm_cost_total{currency=\"BRL\"} 0.006"));
}

TEST(LlmMetricsTest, WithoutPricesNoCostIsReported) {
  base::Metrics registry;
  LlmMetrics metrics(registry);
  metrics.CountUsage(Used(900, 20));
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("llm_tokens_total{kind=\"prompt\"} 900\n"));
  EXPECT_THAT(text, Not(HasSubstr("llm_cost_total{")));
}

TEST(LlmMetricsTest, OnlyOutputPricedCountsOnlyCompletionTokens) {
  base::Metrics registry;
  LlmMetrics metrics(registry, {.output_per_million = 4});
  metrics.CountUsage(Used(1'000'000, 500'000));
  metrics.CountUsage(Used(-5, -5));  // a server's nonsense counts as nothing
  EXPECT_DOUBLE_EQ(metrics.cost.WithLabels({"USD"}).Value(), 2);
}

}  // namespace
}  // namespace brain::llm
