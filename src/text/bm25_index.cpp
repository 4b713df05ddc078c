#include "text/bm25_index.h"

#include <algorithm>
#include <cmath>

namespace text {
namespace {

// Lucene's BM25 idf keeps every term's weight positive, even in tiny corpora.
constexpr double kIdfSmoothing = 0.5;

}  // namespace

Bm25Index::Bm25Index(Bm25Params params) : params_(params) {}

std::size_t Bm25Index::Add(std::span<const Bm25Field> fields) {
  const auto doc = static_cast<std::uint32_t>(doc_lengths_.size());
  double length = 0;
  for (const Bm25Field& field : fields) {
    length += field.weight * static_cast<double>(field.terms.size());
    for (const std::string& term : field.terms) {
      std::vector<Posting>& list = postings_[term];
      if (list.empty()) terms_.insert(term);
      if (list.empty() || list.back().doc != doc) list.push_back({doc, 0});
      list.back().frequency += static_cast<float>(field.weight);
    }
  }
  doc_lengths_.push_back(static_cast<float>(length));
  total_length_ += length;
  return doc;
}

double Bm25Index::IdfOf(std::size_t document_frequency) const {
  const auto n = static_cast<double>(document_frequency);
  const auto total = static_cast<double>(doc_lengths_.size());
  return std::log(1.0 + (total - n + kIdfSmoothing) / (n + kIdfSmoothing));
}

bool Bm25Index::Contains(std::string_view term) const { return postings_.contains(term); }

std::vector<std::string> Bm25Index::TermsStartingWith(std::string_view prefix,
                                                      std::size_t limit) const {
  std::vector<std::string> found;
  for (auto it = terms_.lower_bound(prefix);
       it != terms_.end() && found.size() < limit && it->starts_with(prefix); ++it) {
    found.push_back(*it);
  }
  return found;
}

double Bm25Index::Idf(std::string_view term) const {
  const auto it = postings_.find(term);
  return IdfOf(it == postings_.end() ? 0 : it->second.size());
}

std::vector<Bm25Hit> Bm25Index::Search(std::span<const std::string> query, std::size_t k) const {
  std::vector<Bm25Hit> hits;
  if (doc_lengths_.empty() || k == 0) return hits;
  const double average_length =
      std::max(total_length_ / static_cast<double>(doc_lengths_.size()), 1.0);
  std::vector<double> scores(doc_lengths_.size(), 0.0);
  std::vector<std::uint64_t> matched(doc_lengths_.size(), 0);
  for (std::size_t i = 0; i < query.size(); ++i) {
    const auto it = postings_.find(query[i]);
    if (it == postings_.end()) continue;
    const double idf = IdfOf(it->second.size());
    const std::uint64_t bit = i < kMaxTrackedTerms ? std::uint64_t{1} << i : 0;
    for (const Posting& p : it->second) {
      const double tf = p.frequency;
      const double norm =
          params_.k1 * (1.0 - params_.b + params_.b * doc_lengths_[p.doc] / average_length);
      scores[p.doc] += idf * tf * (params_.k1 + 1.0) / (tf + norm);
      matched[p.doc] |= bit;
    }
  }
  for (std::size_t doc = 0; doc < scores.size(); ++doc) {
    if (scores[doc] > 0) hits.push_back({doc, scores[doc], matched[doc]});
  }
  const auto better = [](const Bm25Hit& a, const Bm25Hit& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  };
  const std::size_t top = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(top), hits.end(),
                    better);
  hits.resize(top);
  return hits;
}

}  // namespace text
