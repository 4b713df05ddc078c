#include "brain/local/knowledge.h"

#include <algorithm>
#include <utility>

#include "brain/local/clause.h"
#include "text/stopwords.h"

namespace brain {
namespace {

constexpr double kNameWeight = 3.0;
constexpr double kSkuWeight = 3.0;
constexpr double kCategoryWeight = 2.0;
constexpr double kHeadingWeight = 2.0;
constexpr double kBodyWeight = 1.0;
constexpr std::size_t kCandidates = 8;

// Words that frame a question ("how much is", "do you sell", "tienen", "quanto custa") rather than
// name what it is about.
const WordSet& FramingWords() {
  static const WordSet words = {
      "price",     "prices",       "cost",       "costs",       "much",       "many",
      "available", "availability", "stock",      "sell",        "sells",      "selling",
      "buy",       "have",         "has",        "got",         "looking",    "interested",
      "know",      "tell",         "info",       "information", "offer",      "offers",
      "carry",     "please",       "any",        "hi",          "hello",      "hey",
      "thanks",    "is",           "there",      "does",        "do",         "one",
      "ones",      "want",         "need",       "like",        "would",      "could",
      "can",       "precio",       "precios",    "cuesta",      "cuestan",    "vale",
      "valen",     "cuanto",       "cuanta",     "cuantos",     "tienen",     "tiene",
      "tenes",     "hay",          "venden",     "vende",       "disponible", "disponibles",
      "quiero",    "quisiera",     "busco",      "buscando",    "necesito",   "comprar",
      "saber",     "informacion",  "hola",       "gracias",     "preco",      "precos",
      "custa",     "custam",       "valor",      "quanto",      "quanta",     "tem",
      "temos",     "vendem",       "disponivel", "estoque",     "quero",      "queria",
      "procuro",   "procurando",   "preciso",    "informacao",  "ola",        "oi",
      "obrigado",  "hacen",        "hacer",      "make",        "policy",     "politica",
      "fazem",     "fazer"};
  return words;
}

// Words for the topics every front desk is asked about, in the three languages: a question in one
// language finds a business context written in another ("horario" finds "Opening hours").
const std::vector<std::vector<std::string_view>>& Topics() {
  static const std::vector<std::vector<std::string_view>> topics = {
      {"hours",   "hour",     "open",    "opening",  "opens",  "close",   "closing",
       "closed",  "schedule", "horario", "horarios", "abren",  "abierto", "cierran",
       "cerrado", "horas",    "aberto",  "abrem",    "fecham", "fechado", "funcionamento"},
      {"address", "located", "location", "directions", "direccion", "ubicacion", "ubicados",
       "endereco", "localizacao", "localizados"},
      {"return", "returns", "refund", "refunds", "exchange", "devolucion", "devoluciones",
       "devolver", "reembolso", "devolucao", "devolucoes", "troca", "trocas"},
      {"shipping", "ship", "delivery", "deliver", "envio", "envios", "enviamos", "entrega",
       "entregas", "frete"},
      {"payment", "payments", "pay", "cash", "pago", "pagos", "pagar", "efectivo", "pagamento",
       "pagamentos"}};
  return topics;
}

const std::vector<std::string_view>* TopicOf(std::string_view word) {
  for (const auto& topic : Topics()) {
    if (std::find(topic.begin(), topic.end(), word) != topic.end()) return &topic;
  }
  return nullptr;
}

}  // namespace

Knowledge::Knowledge(text::Analyzer analyzer, std::vector<core::Product> products,
                     std::vector<Passage> passages)
    : analyzer_(std::move(analyzer)),
      products_(std::move(products)),
      passages_(std::move(passages)) {}

base::Result<Knowledge> Knowledge::Build(std::vector<core::Product> products,
                                         std::string_view business_context) {
  auto analyzer = text::Analyzer::Create();
  if (!analyzer.ok()) return analyzer.error();
  Knowledge knowledge(std::move(analyzer).value(), std::move(products),
                      SplitPassages(business_context));
  knowledge.IndexAll();
  return knowledge;
}

void Knowledge::IndexAll() {
  for (const core::Product& p : products_) {
    std::string attributes;
    for (const core::ProductAttribute& a : p.attributes) {
      attributes.append(a.name).append(" ").append(a.value).append(" ");
    }
    const std::vector<std::string> name = analyzer_.DocumentTerms(p.name);
    const std::vector<std::string> sku = analyzer_.DocumentTerms(p.sku);
    const std::vector<std::string> category = analyzer_.DocumentTerms(p.category);
    const std::vector<std::string> description = analyzer_.DocumentTerms(p.description);
    const std::vector<std::string> attribute_terms = analyzer_.DocumentTerms(attributes);
    const text::Bm25Field fields[] = {{name, kNameWeight},
                                      {sku, kSkuWeight},
                                      {category, kCategoryWeight},
                                      {description, kBodyWeight},
                                      {attribute_terms, kBodyWeight}};
    index_.Add(fields);
  }
  for (const Passage& passage : passages_) {
    const std::vector<std::string> heading = analyzer_.DocumentTerms(passage.heading);
    const std::vector<std::string> body = analyzer_.DocumentTerms(passage.body);
    const text::Bm25Field fields[] = {{heading, kHeadingWeight}, {body, kBodyWeight}};
    index_.Add(fields);
  }
}

Knowledge::Query Knowledge::MakeQuery(std::span<const std::string> folded_words,
                                      text::Language language) const {
  Query query;
  const auto add = [&](std::string term) {
    const auto it = std::find(query.terms.begin(), query.terms.end(), term);
    if (it != query.terms.end()) return;
    if (query.terms.size() == text::kMaxTrackedTerms) return;
    query.terms.push_back(std::move(term));
    query.slot_of.push_back(query.slot_weights.size() - 1);
  };
  for (const std::string& w : folded_words) {
    if (In(FramingWords(), w) || text::IsStopword(language, w)) continue;
    std::string stem = analyzer_.Stem(w, language);
    if (std::find(query.terms.begin(), query.terms.end(), stem) != query.terms.end()) continue;
    // The customer's own word weighs the slot; the topic's other words may fill it.
    query.slot_weights.push_back(index_.Idf(stem));
    add(std::move(stem));
    if (const auto* topic = TopicOf(w)) {
      for (std::string_view other : *topic) add(analyzer_.Stem(other, language));
    }
  }
  return query;
}

std::optional<Found> Knowledge::Find(std::span<const std::string> folded_words,
                                     text::Language language) const {
  const Query query = MakeQuery(folded_words, language);
  if (query.terms.empty()) return std::nullopt;
  const std::vector<text::Bm25Hit> hits = index_.Search(query.terms, kCandidates);

  double total = 0;
  for (double w : query.slot_weights) total += w;
  const auto coverage = [&](const text::Bm25Hit& hit) {
    std::vector<bool> filled(query.slot_weights.size(), false);
    for (std::size_t i = 0; i < query.terms.size(); ++i) {
      if (hit.matched & (std::uint64_t{1} << i)) filled[query.slot_of[i]] = true;
    }
    double covered = 0;
    for (std::size_t slot = 0; slot < filled.size(); ++slot) {
      if (filled[slot]) covered += query.slot_weights[slot];
    }
    return total > 0 ? covered / total : 0.0;
  };

  // The best document: the widest coverage, then the highest score (hits come best first).
  const text::Bm25Hit* best = nullptr;
  double best_coverage = 0;
  for (const text::Bm25Hit& hit : hits) {
    const double c = coverage(hit);
    if (c > best_coverage) best = &hit, best_coverage = c;
  }
  if (best == nullptr || best_coverage < kMinCoverage) return std::nullopt;

  Found found;
  if (best->doc >= products_.size()) {
    found.passage = &passages_[best->doc - products_.size()];
    return found;
  }
  found.products.push_back(&products_[best->doc]);
  for (const text::Bm25Hit& hit : hits) {
    if (found.products.size() == kMaxProductsInReply) break;
    if (&hit == best || hit.doc >= products_.size()) continue;
    if (hit.score >= kRelatedScoreShare * best->score && coverage(hit) >= best_coverage) {
      found.products.push_back(&products_[hit.doc]);
    }
  }
  return found;
}

Knowledge::Ranked Knowledge::Rank(std::span<const std::string> folded_words,
                                  text::Language language, std::size_t max_products,
                                  std::size_t max_passages) const {
  Ranked ranked;
  const Query query = MakeQuery(folded_words, language);
  if (query.terms.empty()) return ranked;
  for (const text::Bm25Hit& hit : index_.Search(query.terms, index_.size())) {
    if (hit.doc < products_.size()) {
      if (ranked.products.size() < max_products) ranked.products.push_back(&products_[hit.doc]);
    } else if (ranked.passages.size() < max_passages) {
      ranked.passages.push_back(&passages_[hit.doc - products_.size()]);
    }
    if (ranked.products.size() == max_products && ranked.passages.size() == max_passages) break;
  }
  return ranked;
}

}  // namespace brain
