// What the local brain knows: the catalog and the business context, indexed for retrieval.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "brain/local/passage.h"
#include "core/product.h"
#include "text/analyzer.h"
#include "text/bm25_index.h"

namespace brain {

// Share of a question's weight (idf) the best document must cover to count as an answer.
inline constexpr double kMinCoverage = 0.5;
// Products beyond the best one are listed when they score at least this share of the best.
inline constexpr double kRelatedScoreShare = 0.8;
inline constexpr std::size_t kMaxProductsInReply = 3;

struct Found {
  std::vector<const core::Product*> products;  // best first; empty when `passage` is set
  const Passage* passage = nullptr;
};

// Immutable after Build; Find is thread-safe. Found points into this object.
class Knowledge {
 public:
  // Indexes `products` (name, SKU, category, description, attributes) and the passages of
  // `business_context`. Returns the analyzer's error (kInternal) when stemmers are missing.
  static base::Result<Knowledge> Build(std::vector<core::Product> products,
                                       std::string_view business_context);

  // The products or the passage that answer a question made of `folded_words` in `language`, or
  // nullopt when nothing covers at least kMinCoverage of the question (each word weighs its idf).
  // Words that only say "I want to know / buy / the price" ("price", "tienen", "quanto") are not
  // searched for; words of common front-desk topics (hours, address, returns, shipping, payment)
  // also find the topic's words in the other languages.
  std::optional<Found> Find(std::span<const std::string> folded_words,
                            text::Language language) const;

  // The products and passages that match the question best, by score, at most `max_products`
  // and `max_passages` (for a model to read, without Find's coverage threshold).
  struct Ranked {
    std::vector<const core::Product*> products;
    std::vector<const Passage*> passages;
  };
  Ranked Rank(std::span<const std::string> folded_words, text::Language language,
              std::size_t max_products, std::size_t max_passages) const;

  const std::vector<core::Product>& products() const { return products_; }
  const std::vector<Passage>& passages() const { return passages_; }

  std::size_t product_count() const { return products_.size(); }
  std::size_t passage_count() const { return passages_.size(); }

 private:
  // The search terms of a question, grouped in slots: one per word of the customer, filled by
  // that word or by another word of its topic ("located" or "address").
  struct Query {
    std::vector<std::string> terms;
    std::vector<std::size_t> slot_of;  // parallel to terms
    std::vector<double> slot_weights;  // idf of the customer's word
  };
  Query MakeQuery(std::span<const std::string> folded_words, text::Language language) const;

  Knowledge(text::Analyzer analyzer, std::vector<core::Product> products,
            std::vector<Passage> passages);
  void IndexAll();

  text::Analyzer analyzer_;
  std::vector<core::Product> products_;
  std::vector<Passage> passages_;
  text::Bm25Index index_;  // documents: the products, then the passages
};

}  // namespace brain
