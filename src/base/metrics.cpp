#include "base/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>

namespace base {
namespace {

std::vector<double> SanitizeBounds(std::vector<double> bounds) {
  std::vector<double> kept;
  for (double b : bounds) {
    if (std::isfinite(b) && (kept.empty() || b > kept.back())) kept.push_back(b);
  }
  return kept;
}

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

bool ValidMetricName(std::string_view name) {
  if (name.empty() || !(IsNameStart(name[0]) || name[0] == ':')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return IsNameChar(c) || c == ':'; });
}

bool ValidLabelNames(const std::vector<std::string>& names, MetricKind kind) {
  for (const std::string& n : names) {
    if (n.empty() || !IsNameStart(n[0]) || !std::all_of(n.begin(), n.end(), IsNameChar)) {
      return false;
    }
    if (n.starts_with("__") || (kind == MetricKind::kHistogram && n == "le")) return false;
    if (std::count(names.begin(), names.end(), n) > 1) return false;
  }
  return true;
}

void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void AppendNumber(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
}

// `{a="x",b="y"}`, plus an extra label (histogram "le") when given; nothing when empty.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], /*escape_quote=*/true);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(SanitizeBounds(std::move(upper_bounds))),
      buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double value) {
  // Buckets are "less than or equal": the first bound >= value.
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  buckets_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::CumulativeCounts() const {
  std::vector<std::uint64_t> counts(bounds_.size() + 1);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    total += buckets_[i].load(std::memory_order_relaxed);
    counts[i] = total;
  }
  return counts;
}

std::uint64_t Histogram::Count() const { return CumulativeCounts().back(); }

template <typename Series>
Family<Series>::Family(std::vector<std::string> label_names, std::vector<double> bounds)
    : label_names_(std::move(label_names)), bounds_(std::move(bounds)), detached_(Make()) {}

template <typename Series>
std::unique_ptr<Series> Family<Series>::Make() const {
  if constexpr (std::is_same_v<Series, Histogram>) {
    return std::make_unique<Histogram>(bounds_);
  } else {
    return std::make_unique<Series>();
  }
}

template <typename Series>
template <typename Values>
Series& Family<Series>::Find(const Values& values) {
  if (values.size() != label_names_.size()) return *detached_;
  {
    std::shared_lock lock(mutex_);
    if (auto it = series_.find(values); it != series_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto it = series_.find(values);
  if (it == series_.end()) {
    it = series_.emplace(std::vector<std::string>(values.begin(), values.end()), Make()).first;
  }
  return *it->second;
}

template <typename Series>
Series& Family<Series>::WithLabels(std::initializer_list<std::string_view> values) {
  return Find(values);
}

template <typename Series>
Series& Family<Series>::WithLabels(const std::vector<std::string>& values) {
  return Find(values);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

struct Metrics::Entry {
  std::string name;
  std::string help;
  MetricKind kind;
  std::variant<std::unique_ptr<CounterFamily>, std::unique_ptr<GaugeFamily>,
               std::unique_ptr<HistogramFamily>>
      family;
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics::Entry* Metrics::Register(std::string name, std::string help, MetricKind kind,
                                  std::vector<std::string> label_names,
                                  std::vector<double> bounds) {
  bounds = SanitizeBounds(std::move(bounds));
  std::lock_guard lock(mutex_);
  bool valid = ValidMetricName(name) && ValidLabelNames(label_names, kind);
  for (const auto& e : entries_) {
    if (e->name != name) continue;
    const auto same = [&](const auto& family) {
      return family->label_names() == label_names && family->bounds() == bounds;
    };
    if (e->kind == kind && std::visit(same, e->family)) return e.get();
    valid = false;  // the name is taken by something else
    break;
  }
  auto entry = std::make_unique<Entry>();
  entry->name = std::move(name);
  entry->help = std::move(help);
  entry->kind = kind;
  switch (kind) {
    case MetricKind::kCounter:
      entry->family = std::make_unique<CounterFamily>(std::move(label_names), bounds);
      break;
    case MetricKind::kGauge:
      entry->family = std::make_unique<GaugeFamily>(std::move(label_names), bounds);
      break;
    case MetricKind::kHistogram:
      entry->family = std::make_unique<HistogramFamily>(std::move(label_names), bounds);
      break;
  }
  auto& list = valid ? entries_ : rejected_;
  list.push_back(std::move(entry));
  return list.back().get();
}

CounterFamily& Metrics::AddCounterFamily(std::string name, std::string help,
                                         std::vector<std::string> label_names) {
  return *std::get<std::unique_ptr<CounterFamily>>(
      Register(std::move(name), std::move(help), MetricKind::kCounter, std::move(label_names), {})
          ->family);
}

GaugeFamily& Metrics::AddGaugeFamily(std::string name, std::string help,
                                     std::vector<std::string> label_names) {
  return *std::get<std::unique_ptr<GaugeFamily>>(
      Register(std::move(name), std::move(help), MetricKind::kGauge, std::move(label_names), {})
          ->family);
}

HistogramFamily& Metrics::AddHistogramFamily(std::string name, std::string help,
                                             std::vector<std::string> label_names,
                                             std::vector<double> upper_bounds) {
  return *std::get<std::unique_ptr<HistogramFamily>>(
      Register(std::move(name), std::move(help), MetricKind::kHistogram, std::move(label_names),
               std::move(upper_bounds))
          ->family);
}

Counter& Metrics::AddCounter(std::string name, std::string help) {
  return AddCounterFamily(std::move(name), std::move(help), {}).WithLabels({});
}

Gauge& Metrics::AddGauge(std::string name, std::string help) {
  return AddGaugeFamily(std::move(name), std::move(help), {}).WithLabels({});
}

Histogram& Metrics::AddHistogram(std::string name, std::string help,
                                 std::vector<double> upper_bounds) {
  return AddHistogramFamily(std::move(name), std::move(help), {}, std::move(upper_bounds))
      .WithLabels({});
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& e : entries_) {
    static constexpr const char* kTypeNames[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + e->name + ' ';
    AppendEscaped(out, e->help, /*escape_quote=*/false);
    out += "\n# TYPE " + e->name + ' ' + kTypeNames[static_cast<int>(e->kind)] + '\n';
    const auto render = [&](const auto& family) {
      const std::vector<std::string>& names = family->label_names();
      family->ForEach([&](const std::vector<std::string>& values, const auto& series) {
        using S = std::decay_t<decltype(series)>;
        if constexpr (std::is_same_v<S, Histogram>) {
          const std::vector<double>& bounds = series.upper_bounds();
          const std::vector<std::uint64_t> counts = series.CumulativeCounts();
          for (std::size_t i = 0; i <= bounds.size(); ++i) {
            std::string le;
            AppendNumber(le, i < bounds.size() ? bounds[i] : INFINITY);
            out += e->name + "_bucket";
            AppendLabels(out, names, values, "le", le);
            out += ' ' + std::to_string(counts[i]) + '\n';
          }
          out += e->name + "_sum";
          AppendLabels(out, names, values);
          out += ' ';
          AppendNumber(out, series.Sum());
          out += '\n' + e->name + "_count";
          AppendLabels(out, names, values);
          out += ' ' + std::to_string(counts.back()) + '\n';
        } else {
          out += e->name;
          AppendLabels(out, names, values);
          out += ' ';
          if constexpr (std::is_same_v<S, Counter>) {
            out += std::to_string(series.Value());
          } else {
            AppendNumber(out, series.Value());
          }
          out += '\n';
        }
      });
    };
    std::visit(render, e->family);
  }
  return out;
}

}  // namespace base
