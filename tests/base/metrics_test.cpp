#include "base/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

namespace base {
namespace {

TEST(MetricsTest, RendersCountersWithHelpTypeAndLabels) {
  Metrics m;
  CounterFamily& jobs = m.AddCounterFamily("jobs_total", "Jobs run.", {"kind", "result"});
  jobs.WithLabels({"import", "ok"}).Increment(3);
  jobs.WithLabels({"export", "failed"}).Increment();
  EXPECT_EQ(m.Render(),
            "# HELP jobs_total Jobs run.\n"
            "# TYPE jobs_total counter\n"
            "jobs_total{kind=\"export\",result=\"failed\"} 1\n"
            "jobs_total{kind=\"import\",result=\"ok\"} 3\n");
}

TEST(MetricsTest, UnlabelledMetricsRenderFromZero) {
  Metrics m;
  m.AddCounter("starts_total", "Starts.");
  Gauge& open = m.AddGauge("open", "Open things.");
  open.Add(2);
  open.Add(-0.5);
  EXPECT_EQ(m.Render(),
            "# HELP starts_total Starts.\n# TYPE starts_total counter\nstarts_total 0\n"
            "# HELP open Open things.\n# TYPE open gauge\nopen 1.5\n");
  open.Set(-3);
  EXPECT_NE(m.Render().find("open -3\n"), std::string::npos);
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  Metrics m;
  m.AddCounterFamily("odd_total", "Back\\slash and\nnewline \"kept\".", {"path"})
      .WithLabels({"a\"b\\c\nd"})
      .Increment();
  EXPECT_EQ(m.Render(),
            "# HELP odd_total Back\\\\slash and\\nnewline \"kept\".\n"
            "# TYPE odd_total counter\n"
            "odd_total{path=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(MetricsTest, HistogramRendersCumulativeBucketsSumAndCount) {
  Metrics m;
  HistogramFamily& latency =
      m.AddHistogramFamily("latency_seconds", "Latency.", {"route"}, {0.1, 0.5, 1});
  Histogram& h = latency.WithLabels({"/x"});
  for (double v : {0.05, 0.1, 0.3, 2.0}) h.Observe(v);
  EXPECT_EQ(m.Render(),
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
            "latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 3\n"
            "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
            "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{route=\"/x\"} 2.45\n"
            "latency_seconds_count{route=\"/x\"} 4\n");
}

TEST(MetricsTest, HistogramDropsUnorderedBounds) {
  Histogram h({1, 0.5, 2, 2, HUGE_VAL});
  EXPECT_EQ(h.upper_bounds(), (std::vector<double>{1, 2}));
}

TEST(MetricsTest, SameRegistrationReturnsTheSameFamily) {
  Metrics m;
  CounterFamily& a = m.AddCounterFamily("shared_total", "Shared.", {"x"});
  CounterFamily& b = m.AddCounterFamily("shared_total", "Shared.", {"x"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(&a.WithLabels({"1"}), &b.WithLabels({"1"}));
}

TEST(MetricsTest, ConflictingOrInvalidRegistrationsWorkButAreNotRendered) {
  Metrics m;
  m.AddCounter("taken", "First.").Increment();
  Gauge& conflicting = m.AddGauge("taken", "Second, another kind.");
  conflicting.Set(5);
  EXPECT_EQ(conflicting.Value(), 5);
  m.AddCounterFamily("bad name", "Invalid.", {}).WithLabels({}).Increment();
  m.AddCounterFamily("bad_labels", "Invalid.", {"__reserved"}).WithLabels({"x"}).Increment();
  m.AddHistogramFamily("bad_le", "Invalid.", {"le"}, {1}).WithLabels({"x"}).Observe(1);
  EXPECT_EQ(m.Render(), "# HELP taken First.\n# TYPE taken counter\ntaken 1\n");
}

TEST(MetricsTest, WrongLabelCountGetsADetachedSeries) {
  Metrics m;
  CounterFamily& f = m.AddCounterFamily("pairs_total", "Pairs.", {"a", "b"});
  f.WithLabels({"only-one"}).Increment();
  EXPECT_EQ(m.Render(), "# HELP pairs_total Pairs.\n# TYPE pairs_total counter\n");
}

TEST(MetricsTest, ConcurrentUpdatesAreAllCounted) {
  Metrics m;
  CounterFamily& f = m.AddCounterFamily("hits_total", "Hits.", {"worker"});
  Histogram& h = m.AddHistogram("sizes", "Sizes.", {10});
  constexpr int kThreads = 4;
  constexpr int kEach = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&f, &h, t] {
      for (int i = 0; i < kEach; ++i) {
        f.WithLabels({std::to_string(t % 2)}).Increment();
        h.Observe(1);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(f.WithLabels({"0"}).Value() + f.WithLabels({"1"}).Value(), kThreads * kEach);
  EXPECT_EQ(h.Count(), static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_EQ(h.Sum(), kThreads * kEach);
}

}  // namespace
}  // namespace base
