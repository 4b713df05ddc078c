// Metrics: a registry of counters, gauges and histograms, rendered in the Prometheus text
// exposition format (version 0.0.4).
//
// A metric is a family: a name, a help text, label names, and one series per set of label values.
// Families are registered once at wiring time; the hot path keeps the returned reference (a
// "handle") and updates it with one atomic operation:
//
//   base::Metrics metrics;
//   auto& requests = metrics.AddCounterFamily("jobs_total", "Jobs run.", {"kind", "result"});
//   base::Counter& ok = requests.WithLabels({"import", "ok"});  // cache this
//   ok.Increment();
//   std::string page = metrics.Render();
//
// Thread-safety: everything here is safe to use from any thread. Series updates are lock-free
// atomics; WithLabels takes a shared lock when the series exists (an exclusive one to create it);
// Render takes shared locks and never blocks updates of existing series.
//
// Lifetime: families and series live as long as the Metrics object; references stay valid.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace base {

// A value that only goes up (requests served, bytes sent).
class Counter {
 public:
  void Increment(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down (connections open, queue length).
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted in fixed buckets (latencies, sizes), plus their sum and count.
class Histogram {
 public:
  // `upper_bounds`: the buckets' inclusive upper bounds, strictly increasing and finite; the +Inf
  // bucket is implicit. Bounds that break the order are dropped.
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value);

  const std::vector<double>& upper_bounds() const { return bounds_; }
  // One count per bucket, cumulative: [i] counts observations <= upper_bounds()[i]; the last
  // entry is the +Inf bucket, which is Count() at the time of the call.
  std::vector<std::uint64_t> CumulativeCounts() const;
  std::uint64_t Count() const;
  double Sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1, not cumulative
  std::atomic<double> sum_{0};
};

enum class MetricKind { kCounter, kGauge, kHistogram };

// The series of one metric name, one per set of label values. Series is Counter, Gauge or
// Histogram.
template <typename Series>
class Family {
 public:
  Family(std::vector<std::string> label_names, std::vector<double> bounds);
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  // The series with these label values (one per label name, in order), created at zero on first
  // use. The reference stays valid for the registry's life. Any label value is allowed (it is
  // escaped when rendered). REQUIRES: values.size() == label_names().size(); otherwise returns a
  // detached series that is never rendered.
  Series& WithLabels(std::initializer_list<std::string_view> values);
  Series& WithLabels(const std::vector<std::string>& values);

  const std::vector<std::string>& label_names() const { return label_names_; }
  const std::vector<double>& bounds() const { return bounds_; }  // histograms only

  // Calls `visit(label_values, series)` for every series, in label order. Used by the renderer.
  template <typename Visit>
  void ForEach(Visit visit) const {
    std::shared_lock lock(mutex_);
    for (const auto& [values, series] : series_) visit(values, *series);
  }

 private:
  struct LabelsLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
    }
  };
  template <typename Values>
  Series& Find(const Values& values);
  std::unique_ptr<Series> Make() const;

  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;  // histograms only
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Series>, LabelsLess> series_;
  std::unique_ptr<Series> detached_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

class Metrics {
 public:
  // The Content-Type of Render()'s output.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Registers a family, or returns the one already registered under `name` when its kind, label
  // names (and buckets) are the same, so two components may share a metric.
  // REQUIRES: `name` matches [a-zA-Z_:][a-zA-Z0-9_:]*, label names match [a-zA-Z_][a-zA-Z0-9_]*
  // and do not start with "__" (nor are "le" for histograms), and `name` is not registered with
  // another kind or labels. A family that breaks this still works but is never rendered.
  CounterFamily& AddCounterFamily(std::string name, std::string help,
                                  std::vector<std::string> label_names);
  GaugeFamily& AddGaugeFamily(std::string name, std::string help,
                              std::vector<std::string> label_names);
  HistogramFamily& AddHistogramFamily(std::string name, std::string help,
                                      std::vector<std::string> label_names,
                                      std::vector<double> upper_bounds);

  // Unlabelled metrics: the single series of a family without labels.
  Counter& AddCounter(std::string name, std::string help);
  Gauge& AddGauge(std::string name, std::string help);
  Histogram& AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds);

  // Every rendered family in registration order: "# HELP", "# TYPE", then one line per series
  // (histograms: _bucket lines with "le", _sum, _count). Label values and help texts are escaped.
  std::string Render() const;

 private:
  struct Entry;
  Entry* Register(std::string name, std::string help, MetricKind kind,
                  std::vector<std::string> label_names, std::vector<double> bounds);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;   // rendered, registration order
  std::vector<std::unique_ptr<Entry>> rejected_;  // broke a REQUIRES: usable, never rendered
};

}  // namespace base
