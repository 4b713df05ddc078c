// What the local brain knows: the catalog, the business context's facts sentence by sentence, the
// company's website and social links, and the topics the context keeps for people, indexed for
// retrieval.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "brain/local/business_context.h"
#include "brain/local/passage.h"
#include "core/agent_config.h"
#include "core/product.h"
#include "text/analyzer.h"
#include "text/bm25_index.h"

namespace brain {

// Share of a question's weight (idf) the best document must cover to count as an answer.
inline constexpr double kMinCoverage = 0.5;
// Products beyond the best one are listed when they score at least this share of the best.
inline constexpr double kRelatedScoreShare = 0.8;
inline constexpr std::size_t kMaxProductsInReply = 3;
// The most sentences of one passage an answer quotes.
inline constexpr std::size_t kMaxSentencesInReply = 4;

// One of three answers: products, sentences of a passage, or a topic kept for people.
struct Found {
  std::vector<const core::Product*> products;  // best first
  // What the customer specified that no product found has ("10 speed"): then `products` are the
  // closest ones, alternatives to name as such. Empty when they match (or nothing was specified).
  std::string unmatched;
  const Passage* passage = nullptr;       // set with `sentences`
  std::vector<Sentence> sentences;        // the passage's that answer, in its order
  const ContextRule* reserved = nullptr;  // a kReservesTopic rule the question is about
};

// Immutable after Build; Find is thread-safe. Found points into this object.
class Knowledge {
 public:
  // Indexes `products` (name, SKU, category, description, attributes), each fact sentence of
  // `config`'s business context under its passage's heading, the website and social links as
  // facts of their own ("Instagram: https://…"), and the words of each topic the context keeps
  // for people. Returns the analyzer's error (kInternal) when stemmers are missing.
  static base::Result<Knowledge> Build(std::vector<core::Product> products,
                                       const core::AgentConfig& config);

  // What answers a question made of `folded_words` in `language`, or nullopt when nothing covers
  // at least kMinCoverage of the question (each word weighs its idf): the best document decides
  // between products, a passage's sentences (every one of it that covers as much as the best)
  // and a kept topic. Words that only say "I want to know / buy / the price" ("price", "tienen",
  // "quanto") are not searched for; words of common front-desk topics (hours, address, returns,
  // shipping, payment, repairs, prices, social media) also find the topic's words in the other
  // languages, and "how long" / "what time" find durations and hours. A number the customer
  // gives with its unit ("10-speed", "350 ml", "size 42") rules out the products that state
  // another number of that unit; when it rules out all of them they are alternatives
  // (Found::unmatched).
  std::optional<Found> Find(std::span<const std::string> folded_words,
                            text::Language language) const;

  // The products and fact passages that match the question best, by score, at most
  // `max_products` and `max_passages` (for a model to read, without Find's coverage threshold).
  struct Ranked {
    std::vector<const core::Product*> products;
    std::vector<const Passage*> passages;
  };
  Ranked Rank(std::span<const std::string> folded_words, text::Language language,
              std::size_t max_products, std::size_t max_passages) const;

  const std::vector<core::Product>& products() const { return products_; }
  const BusinessContext& context() const { return context_; }

 private:
  // The search terms of a question, grouped in slots: one per word of the customer, filled by
  // that word or by another word of its topic ("located" or "address").
  struct Query {
    std::vector<std::string> terms;
    std::vector<std::size_t> slot_of;  // parallel to terms
    std::vector<double> slot_weights;  // idf of the customer's word
  };
  Query MakeQuery(std::span<const std::string> folded_words, text::Language language) const;

  // A fact sentence, as indexed.
  struct Fact {
    std::size_t passage;  // in context_.passages
    Sentence sentence;
    std::string aliases;  // more words for its heading ("social media" for Instagram)
  };
  // A number with its unit as written, folded ("10" "speed"; "42" "size" for "size 42").
  struct Spec {
    std::string number;
    std::string unit;
  };
  static std::vector<Spec> SpecsOf(std::span<const std::string> folded_words);

  // A document of the index.
  struct Document {
    enum class Kind { kProduct, kFact, kReserved } kind;
    std::size_t index;  // in products_, facts_ or context_.rules
  };

  Knowledge(text::Analyzer analyzer, std::vector<core::Product> products, BusinessContext context);
  void AddCompany(const core::AgentConfig& config);
  void IndexAll();

  text::Analyzer analyzer_;
  std::vector<core::Product> products_;
  BusinessContext context_;
  std::vector<Fact> facts_;
  std::vector<Document> documents_;               // by document id
  std::vector<std::vector<Spec>> product_specs_;  // by product: what its text states
  text::Bm25Index index_;
};

}  // namespace brain
