// An in-memory BM25 index over documents of several weighted fields (BM25F-style: a term's
// frequency and a document's length are the weighted sums over its fields).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace text {

inline constexpr double kDefaultK1 = 1.2;
inline constexpr double kDefaultB = 0.75;
// Search reports which query terms a document contains for the first this many terms.
inline constexpr std::size_t kMaxTrackedTerms = 64;

struct Bm25Params {
  double k1 = kDefaultK1;  // term-frequency saturation
  double b = kDefaultB;    // length normalisation
};

// One field of a document: its terms (see text/analyzer.h) and its weight (> 0).
struct Bm25Field {
  std::span<const std::string> terms;
  double weight = 1.0;
};

struct Bm25Hit {
  std::size_t doc = 0;  // as returned by Add
  double score = 0;
  std::uint64_t matched = 0;  // bit i set: query term i (i < kMaxTrackedTerms) occurs in `doc`
};

// Add documents, then search. Not thread-safe while adding; Search and Idf are const and safe to
// call from several threads once adding is done.
class Bm25Index {
 public:
  explicit Bm25Index(Bm25Params params = {});

  // Adds a document and returns its id: 0 for the first, then 1, 2...
  std::size_t Add(std::span<const Bm25Field> fields);

  // The at most `k` documents that contain a query term, best score first (ties: lower id
  // first). Duplicate query terms count once per occurrence.
  std::vector<Bm25Hit> Search(std::span<const std::string> query, std::size_t k) const;

  // Whether a document has `term`.
  bool Contains(std::string_view term) const;
  // At most `limit` of the terms some document has that start with `prefix`, in byte order.
  std::vector<std::string> TermsStartingWith(std::string_view prefix, std::size_t limit) const;

  // The inverse document frequency of `term`; the highest possible value when no document has it.
  double Idf(std::string_view term) const;

  std::size_t size() const { return doc_lengths_.size(); }

 private:
  struct Posting {
    std::uint32_t doc;
    float frequency;  // weighted
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  double IdfOf(std::size_t document_frequency) const;

  Bm25Params params_;
  std::unordered_map<std::string, std::vector<Posting>, Hash, std::equal_to<>> postings_;
  std::set<std::string, std::less<>> terms_;  // the keys of postings_, in order
  std::vector<float> doc_lengths_;            // weighted
  double total_length_ = 0;
};

}  // namespace text
