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

// Share of a question's weight (idf) a product or a kept topic must cover to count as an answer.
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

  // What answers a question made of `folded_words` in `language`, or nullopt when nothing does.
  // The context answers by section (the passages under one heading), chosen by BM25 over its
  // heading and over its whole text together, when it covers a third of the question (each word
  // weighs its idf, a word no document has half of it) and holds two of its words, all of them,
  // one found in the context's language for a question in another, or the topic a question form
  // asks ("where is", "how long"); the answer is the section's sentences that cover the most of
  // the question. A product, or a topic the context keeps for people, answers instead when it is
  // the document covering the most of the question (at least kMinCoverage, every word at its
  // idf) and covers more than the section. Words that only say "I want to know / buy / the price"
  // ("price", "tienen", "quanto") are not searched for; words of common front-desk topics (hours,
  // address, returns, shipping, payment, repairs, prices, social media) also find the topic's words
  // in the other languages, and "how long" / "what time" find durations and hours. A number the
  // customer gives with its unit ("10-speed", "350 ml", "size 42") rules out the products that
  // state another number of that unit; when it rules out all of them they are alternatives
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
    std::vector<bool> slot_absent;     // no document has the word nor a longer one it starts
    // Only the word's topic in other words is in the index, and the question is in another
    // language than the context ("consertam" in Portuguese for "repair").
    std::vector<bool> slot_translated;
    std::vector<bool> slot_asked;  // the topic a question form asks ("where is", "how long")
    // The terms a section's heading may match: all but the durations "how long" asks for.
    std::vector<std::string> heading_terms;
  };
  Query MakeQuery(std::span<const std::string> folded_words, text::Language language) const;
  // The slots of `query` the terms `hit` matched fill.
  static std::vector<bool> FilledSlots(const Query& query, const text::Bm25Hit& hit);
  // The share of `query`'s weight the slots `hit` fills cover, absent words (slot_absent)
  // weighing `absent_weight` of their idf.
  static double WeightedCoverage(const Query& query, const text::Bm25Hit& hit,
                                 double absent_weight);
  // For a document: every word weighs its idf.
  static double Coverage(const Query& query, const text::Bm25Hit& hit);
  // For a section: absent words weigh less (kAbsentWordWeight).
  static double SectionCoverage(const Query& query, const text::Bm25Hit& hit);

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

  // The passages under one heading, in a row (the passages of a heading-less paragraph alone).
  struct Section {
    std::size_t first_passage = 0;
    std::size_t end_passage = 0;  // one past the last
  };
  // The section that answers a question best, by its headings' and its whole text's scores
  // together, with the share of the question it covers.
  struct SectionPick {
    std::size_t section = 0;
    double coverage = 0;
  };
  std::optional<SectionPick> BestSection(const Query& query) const;
  // The facts of `section` that answer: among `hits`, those covering the most of the question;
  // failing any, its first ones. At most kMaxSentencesInReply, in the context's order.
  std::vector<std::size_t> AnsweringFacts(const Query& query, std::span<const text::Bm25Hit> hits,
                                          std::size_t section) const;

  text::Analyzer analyzer_;
  std::vector<core::Product> products_;
  BusinessContext context_;
  std::vector<Fact> facts_;
  std::vector<Document> documents_;               // by document id
  std::vector<std::vector<Spec>> product_specs_;  // by product: what its text states
  text::Bm25Index index_;
  std::vector<Section> sections_;
  std::vector<std::size_t> section_of_;                         // by passage
  text::Language context_language_ = text::Language::kEnglish;  // what most of its facts are in
  text::Bm25Index section_index_;  // by section: its heading and its text
  text::Bm25Index heading_index_;  // by section: its heading alone
};

}  // namespace brain
