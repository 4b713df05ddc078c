#include "brain/local/knowledge.h"

#include <algorithm>
#include <utility>

#include "brain/local/clause.h"
#include "brain/local/language.h"
#include "text/stopwords.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

constexpr double kNameWeight = 3.0;
constexpr double kSkuWeight = 3.0;
constexpr double kCategoryWeight = 2.0;
constexpr double kHeadingWeight = 2.0;
constexpr double kBodyWeight = 1.0;
// Enough for every sentence of a passage a question's words all point to.
constexpr std::size_t kCandidates = 32;
// A customer's word the index lacks is looked up as the start of longer ones when it has at
// least this many characters, and stands for at most this many.
constexpr std::size_t kMinPrefixChars = 4;
constexpr std::size_t kMaxPrefixTerms = 4;
// What a word no document has weighs in a section's coverage, as a share of its idf: it may be a
// synonym the context does not use ("kids" for "children") as much as a topic it lacks.
constexpr double kAbsentWordWeight = 0.5;
// A section's heading's score counts this many times its whole text's (both as shares of the
// best section's).
constexpr double kSectionHeadingWeight = 2.0;
// A section answers when it covers at least this share of the question (absent words halved)...
constexpr double kMinSectionCoverage = 1.0 / 3;
// ...and holds at least this many of the question's words, or all of them.
constexpr std::size_t kMinWordsFound = 2;

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
      "fazem",     "fazer",        "give",       "send",        "show",       "me",
      "take",      "takes",        "dame",       "manda",       "mandame",    "muestrame",
      "passa",     "mostra",       "what",       "your",        "you",        "today",
      "tomorrow",  "tonight",      "now",        "hoy",         "manana",     "ahora",
      "hoje",      "amanha",       "agora"};
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
       "pagamentos"},
      {"repair",   "repairs",   "repaired",   "fix",          "fixes",     "fixing",   "fixed",
       "mend",     "service",   "servicing",  "arreglar",     "arreglan",  "arreglo",  "arreglos",
       "reparar",  "reparan",   "reparacion", "reparaciones", "consertar", "conserta", "consertam",
       "conserto", "consertos", "reparo",     "reparos"},
      {"pricing", "prices", "rates", "rate", "fee", "fees", "tarifa", "tarifas", "precios",
       "precos", "costs", "cost"},
      {"broken", "damaged", "faulty", "defective", "roto", "rota", "rotos", "danado", "danada",
       "defectuoso", "quebrado", "quebrada", "danificado", "danificada", "estragado"},
      {"social", "socials", "media", "redes", "sociales", "sociais", "networks"},
      {"website", "web", "site", "webpage", "homepage", "url", "sitio", "pagina"}};
  return topics;
}

const std::vector<std::string_view>* TopicOf(std::string_view word) {
  for (const auto& topic : Topics()) {
    if (std::find(topic.begin(), topic.end(), word) != topic.end()) return &topic;
  }
  return nullptr;
}

// A unit is a short word ("speed", "ml", "pulgadas").
constexpr std::size_t kMaxUnitChars = 12;

// Words before a number that make it a size ("size 42", "talla 38", "tamanho 40").
const WordSet& SizeWords() {
  static const WordSet words = {"size", "talla", "tamanho", "numero", "number", "no"};
  return words;
}

// What "how long" asks for: a duration, in any of the three languages.
const std::vector<std::string_view>& Durations() {
  static const std::vector<std::string_view> words = {
      "long",  "duration", "minutes", "minute",  "hours", "hour", "days",
      "day",   "weeks",    "week",    "minutos", "horas", "dias", "semanas",
      "tarda", "tardan",   "demora",  "demoran", "leva",  "levam"};
  return words;
}
// What "what time" asks for: the hours.
constexpr std::string_view kHoursWord = "hours";
constexpr std::string_view kAddressWord = "address";

// The topic a question form asks about, given the words around `words[i]` ("how long", "what
// time", "qué hora", "where is the shop?", "¿dónde están?", "onde fica?"), or nullptr. "Where is
// my order?" asks where the order is, not the address.
const std::vector<std::string_view>* AskedTopic(std::span<const std::string> words, std::size_t i) {
  const std::string_view before = i > 0 ? std::string_view(words[i - 1]) : std::string_view();
  if (before == "how" && words[i] == "long") return &Durations();
  if ((before == "what" || before == "que") &&
      (words[i] == "time" || words[i] == "hora" || words[i] == "horas")) {
    return TopicOf(kHoursWord);
  }
  static const WordSet where = {"where", "donde", "onde"};
  static const WordSet is = {"is", "are", "esta", "estan", "queda", "fica", "ficam"};
  static const WordSet mine = {"my", "mi", "mis", "meu", "minha", "meus", "minhas"};
  if (In(where, words[i]) && InAt(is, words, i + 1) && !InAt(mine, words, i + 2)) {
    return TopicOf(kAddressWord);
  }
  return nullptr;
}

// A social link's platform, named as customers do, with the other words they use for it.
struct Platform {
  std::string_view host;
  std::string_view name;
  std::string_view aliases;
};
constexpr Platform kPlatforms[] = {{"instagram.com", "Instagram", "insta ig"},
                                   {"facebook.com", "Facebook", "fb"},
                                   {"fb.com", "Facebook", "fb"},
                                   {"tiktok.com", "TikTok", "tik tok"},
                                   {"x.com", "X", "twitter"},
                                   {"twitter.com", "X", "twitter"},
                                   {"youtube.com", "YouTube", "yt channel canal"},
                                   {"linkedin.com", "LinkedIn", ""},
                                   {"wa.me", "WhatsApp", "whatsapp zap"},
                                   {"pinterest.com", "Pinterest", ""}};
constexpr std::string_view kSocialHeading = "Social media";
constexpr std::string_view kSocialAliases = "socials redes sociales sociais networks";
constexpr std::string_view kWebsiteHeading = "Website";
constexpr std::string_view kWebsiteAliases = "web site page url sitio pagina";

const Platform* PlatformOf(std::string_view link) {
  for (const Platform& p : kPlatforms) {
    const auto at = link.find(p.host);
    if (at != std::string_view::npos && (at == 0 || link[at - 1] == '.' || link[at - 1] == '/')) {
      return &p;
    }
  }
  return nullptr;
}

}  // namespace

Knowledge::Knowledge(text::Analyzer analyzer, std::vector<core::Product> products,
                     BusinessContext context)
    : analyzer_(std::move(analyzer)),
      products_(std::move(products)),
      context_(std::move(context)) {}

base::Result<Knowledge> Knowledge::Build(std::vector<core::Product> products,
                                         const core::AgentConfig& config) {
  auto analyzer = text::Analyzer::Create();
  if (!analyzer.ok()) return analyzer.error();
  Knowledge knowledge(std::move(analyzer).value(), std::move(products),
                      ReadBusinessContext(config.business_context));
  for (std::size_t i = 0; i < knowledge.context_.sentences.size(); ++i) {
    for (const Sentence& sentence : knowledge.context_.sentences[i]) {
      knowledge.facts_.push_back({i, sentence, {}});
    }
  }
  knowledge.context_language_ =
      StemLanguage(DetectLanguage(FactsText(knowledge.context_), config.default_language));
  knowledge.AddCompany(config);
  knowledge.IndexAll();
  return knowledge;
}

void Knowledge::AddCompany(const core::AgentConfig& config) {
  const auto add = [&](std::string_view heading, std::vector<Fact> facts) {
    if (facts.empty()) return;
    std::vector<Sentence> sentences;
    for (Fact& f : facts) {
      f.passage = context_.passages.size();
      sentences.push_back(f.sentence);
    }
    context_.passages.push_back(JoinSentences(std::string(heading), sentences));
    context_.sentences.push_back(std::move(sentences));
    for (Fact& f : facts) facts_.push_back(std::move(f));
  };
  if (!config.website.empty()) {
    add(kWebsiteHeading, {{0, {config.website, false}, std::string(kWebsiteAliases)}});
  }
  std::vector<Fact> social;
  for (const std::string& link : config.social_links) {
    const Platform* platform = PlatformOf(link);
    std::string aliases(kSocialAliases);
    if (platform != nullptr) aliases.append(" ").append(platform->aliases);
    const std::string text = platform != nullptr ? std::string(platform->name) + ": " + link : link;
    social.push_back({0, {text, true}, std::move(aliases)});
  }
  add(kSocialHeading, std::move(social));
}

void Knowledge::IndexAll() {
  for (std::size_t i = 0; i < products_.size(); ++i) {
    const core::Product& p = products_[i];
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
    documents_.push_back({Document::Kind::kProduct, i});
    product_specs_.push_back(SpecsOf(text::Words(p.name + " " + attributes + " " + p.description)));
  }
  for (std::size_t i = 0; i < facts_.size(); ++i) {
    const Fact& fact = facts_[i];
    const std::vector<std::string> heading =
        analyzer_.DocumentTerms(context_.passages[fact.passage].heading + " " + fact.aliases);
    const std::vector<std::string> body = analyzer_.DocumentTerms(fact.sentence.text);
    const text::Bm25Field fields[] = {{heading, kHeadingWeight}, {body, kBodyWeight}};
    index_.Add(fields);
    documents_.push_back({Document::Kind::kFact, i});
  }
  // Sections: passages in a row under the same heading.
  section_of_.resize(context_.passages.size());
  for (std::size_t i = 0; i < context_.passages.size(); ++i) {
    const std::string& heading = context_.passages[i].heading;
    if (sections_.empty() || heading.empty() ||
        context_.passages[sections_.back().first_passage].heading != heading) {
      sections_.push_back({i, i});
    }
    sections_.back().end_passage = i + 1;
    section_of_[i] = sections_.size() - 1;
  }
  std::vector<std::string> section_aliases(sections_.size());
  for (const Fact& fact : facts_) section_aliases[section_of_[fact.passage]] += " " + fact.aliases;
  for (std::size_t i = 0; i < sections_.size(); ++i) {
    const Section& section = sections_[i];
    std::string text;
    for (std::size_t p = section.first_passage; p < section.end_passage; ++p) {
      text.append(context_.passages[p].body).append("\n");
    }
    const std::vector<std::string> heading = analyzer_.DocumentTerms(
        context_.passages[section.first_passage].heading + " " + section_aliases[i]);
    const std::vector<std::string> body = analyzer_.DocumentTerms(text);
    const text::Bm25Field whole[] = {{heading, kBodyWeight}, {body, kBodyWeight}};
    section_index_.Add(whole);
    const text::Bm25Field title[] = {{heading, kBodyWeight}};
    heading_index_.Add(title);
  }
  for (std::size_t i = 0; i < context_.rules.size(); ++i) {
    const ContextRule& rule = context_.rules[i];
    if (rule.kind != DirectiveKind::kReservesTopic) continue;
    std::string topic;
    for (const std::string& w : ReservedTopicWords(rule.text)) topic.append(w).append(" ");
    const std::vector<std::string> body = analyzer_.DocumentTerms(topic);
    const text::Bm25Field fields[] = {{body, kBodyWeight}};
    index_.Add(fields);
    documents_.push_back({Document::Kind::kReserved, i});
  }
}

Knowledge::Query Knowledge::MakeQuery(std::span<const std::string> customer_words,
                                      text::Language language) const {
  // "9speed" is searched as "9" and "speed", as the index holds "9-speed".
  std::vector<std::string> folded_words;
  for (const std::string& w : customer_words) {
    const auto letters = w.find_first_not_of("0123456789");
    if (letters == 0 || letters == std::string::npos) {
      folded_words.push_back(w);
    } else {
      folded_words.push_back(w.substr(0, letters));
      folded_words.push_back(w.substr(letters));
    }
  }
  Query query;
  const auto add = [&](std::string term) {
    const auto it = std::find(query.terms.begin(), query.terms.end(), term);
    if (it != query.terms.end()) return;
    if (query.terms.size() == text::kMaxTrackedTerms) return;
    query.terms.push_back(std::move(term));
    query.slot_of.push_back(query.slot_weights.size() - 1);
  };
  for (std::size_t i = 0; i < folded_words.size(); ++i) {
    const std::string& w = folded_words[i];
    const auto* asked = AskedTopic(folded_words, i);
    const auto* topic = asked != nullptr ? asked : TopicOf(w);
    if (topic == nullptr && (In(FramingWords(), w) || text::IsStopword(language, w))) continue;
    std::string stem = analyzer_.Stem(w, language);
    if (std::find(query.terms.begin(), query.terms.end(), stem) != query.terms.end()) continue;
    // A word the context never uses may be the start of one it does ("corona", "coronavirus").
    std::vector<std::string> longer;
    if (stem.size() >= kMinPrefixChars && !index_.Contains(stem)) {
      longer = index_.TermsStartingWith(stem, kMaxPrefixTerms);
    }
    // The customer's own word weighs the slot; the topic's other words may fill it. A word
    // nothing in the index has weighs less: no answer could cover it.
    std::vector<std::string> topic_terms;
    if (topic != nullptr) {
      for (std::string_view other : *topic) topic_terms.push_back(analyzer_.Stem(other, language));
    }
    const bool own = index_.Contains(stem) || !longer.empty();
    const bool by_topic = std::any_of(topic_terms.begin(), topic_terms.end(),
                                      [&](const std::string& t) { return index_.Contains(t); });
    query.slot_weights.push_back(index_.Idf(stem));
    query.slot_absent.push_back(!own && !by_topic);
    query.slot_translated.push_back(!own && by_topic && language != context_language_);
    query.slot_asked.push_back(by_topic && asked != nullptr);
    const std::size_t first = query.terms.size();
    add(std::move(stem));
    for (std::string& t : longer) add(std::move(t));
    const std::size_t own_end = query.terms.size();
    for (std::string& t : topic_terms) add(std::move(t));
    // "how long" asks for a duration in the text, not for a section headed "Opening hours".
    const std::size_t heading_end = topic == &Durations() ? own_end : query.terms.size();
    query.heading_terms.insert(query.heading_terms.end(), query.terms.begin() + first,
                               query.terms.begin() + heading_end);
  }
  return query;
}

std::vector<Knowledge::Spec> Knowledge::SpecsOf(std::span<const std::string> words) {
  std::vector<Spec> specs;
  const auto is_number = [](std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '.' || c == ',';
    });
  };
  const auto is_unit = [&](std::string_view w) {
    return !w.empty() && !is_number(w) && w.size() <= kMaxUnitChars &&
           std::none_of(text::kLanguages.begin(), text::kLanguages.end(),
                        [&](text::Language l) { return text::IsStopword(l, w); });
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    // "27cm": the number and its unit in one word.
    const auto digits = w.find_first_not_of("0123456789");
    if (digits != 0 && digits != std::string::npos && is_unit(w.substr(digits))) {
      specs.push_back({w.substr(0, digits), w.substr(digits)});
      continue;
    }
    if (!is_number(w)) continue;
    if (i + 1 < words.size() && is_unit(words[i + 1])) {  // "10 speed", "350 ml"
      specs.push_back({w, words[i + 1]});
    } else if (i > 0 && In(SizeWords(), words[i - 1])) {  // "size 42", "talla 38"
      specs.push_back({w, "size"});
    }
  }
  return specs;
}

std::optional<Found> Knowledge::Find(std::span<const std::string> folded_words,
                                     text::Language language) const {
  const Query query = MakeQuery(folded_words, language);
  if (query.terms.empty()) return std::nullopt;
  const std::vector<text::Bm25Hit> hits = index_.Search(query.terms, kCandidates);

  const auto coverage = [&](const text::Bm25Hit& hit) { return Coverage(query, hit); };

  // The best document: the widest coverage, then the highest score (hits come best first). A
  // product or kept topic that is not the best may cover less than a sentence does: it does not
  // answer.
  const text::Bm25Hit* best = nullptr;
  double best_coverage = 0;
  for (const text::Bm25Hit& hit : hits) {
    const double c = coverage(hit);
    if (c > best_coverage) best = &hit, best_coverage = c;
  }
  const bool other = best != nullptr && best_coverage >= kMinCoverage &&
                     documents_[best->doc].kind != Document::Kind::kFact;

  Found found;
  // A section of the context answers, unless a product or a kept topic covers more ("where is the
  // shop?" is answered, though a rule keeps orders from shops for people).
  if (const std::optional<SectionPick> section = BestSection(query);
      section && !(other && SectionCoverage(query, *best) > section->coverage)) {
    const std::vector<std::size_t> facts = AnsweringFacts(query, hits, section->section);
    if (!facts.empty()) {
      found.passage = &context_.passages[facts_[facts.front()].passage];
      for (std::size_t i : facts) found.sentences.push_back(facts_[i].sentence);
      return found;
    }
  }
  if (!other) return std::nullopt;

  const Document& document = documents_[best->doc];
  if (document.kind == Document::Kind::kReserved) {
    found.reserved = &context_.rules[document.index];
    return found;
  }
  // A product that states another number of a unit the customer gave does not fit ("11-speed"
  // for "10-speed"); one that states none may.
  const std::vector<Spec> asked = SpecsOf(folded_words);
  const auto same_unit = [&](const Spec& a, const Spec& b) {
    return a.unit == b.unit || analyzer_.Stem(a.unit, language) == analyzer_.Stem(b.unit, language);
  };
  const auto fits = [&](std::size_t product) {
    const std::vector<Spec>& has = product_specs_[product];
    return std::all_of(asked.begin(), asked.end(), [&](const Spec& spec) {
      bool stated = false;
      for (const Spec& s : has) {
        if (!same_unit(s, spec)) continue;
        if (s.number == spec.number) return true;
        stated = true;
      }
      return !stated;
    });
  };
  // Products as good an answer as the best one, best first: those that fit, else the closest.
  std::vector<const text::Bm25Hit*> fitting;
  std::vector<const text::Bm25Hit*> closest;
  for (const text::Bm25Hit& hit : hits) {
    const Document& d = documents_[hit.doc];
    if (d.kind != Document::Kind::kProduct || coverage(hit) < best_coverage) continue;
    if (fits(d.index)) {
      fitting.push_back(&hit);
    } else if (hit.score >= kRelatedScoreShare * best->score) {
      closest.push_back(&hit);
    }
  }
  const auto& chosen = fitting.empty() ? closest : fitting;
  for (const text::Bm25Hit* hit : chosen) {
    if (found.products.size() == kMaxProductsInReply) break;
    if (hit->score < kRelatedScoreShare * chosen.front()->score) break;
    found.products.push_back(&products_[documents_[hit->doc].index]);
  }
  if (fitting.empty()) {
    for (const Spec& spec : asked) {
      if (!found.unmatched.empty()) found.unmatched += ", ";
      found.unmatched += spec.number + " " + spec.unit;
    }
  }
  return found;
}

double Knowledge::WeightedCoverage(const Query& query, const text::Bm25Hit& hit,
                                   double absent_weight) {
  double total = 0;
  double covered = 0;
  const std::vector<bool> filled = FilledSlots(query, hit);
  for (std::size_t slot = 0; slot < filled.size(); ++slot) {
    const double w = query.slot_weights[slot] * (query.slot_absent[slot] ? absent_weight : 1.0);
    total += w;
    if (filled[slot]) covered += w;
  }
  return total > 0 ? covered / total : 0.0;
}

double Knowledge::Coverage(const Query& query, const text::Bm25Hit& hit) {
  return WeightedCoverage(query, hit, 1.0);
}

double Knowledge::SectionCoverage(const Query& query, const text::Bm25Hit& hit) {
  return WeightedCoverage(query, hit, kAbsentWordWeight);
}

std::vector<bool> Knowledge::FilledSlots(const Query& query, const text::Bm25Hit& hit) {
  std::vector<bool> filled(query.slot_weights.size(), false);
  for (std::size_t i = 0; i < query.terms.size(); ++i) {
    if (hit.matched & (std::uint64_t{1} << i)) filled[query.slot_of[i]] = true;
  }
  return filled;
}

std::optional<Knowledge::SectionPick> Knowledge::BestSection(const Query& query) const {
  const std::vector<text::Bm25Hit> whole = section_index_.Search(query.terms, sections_.size());
  if (whole.empty()) return std::nullopt;
  const std::vector<text::Bm25Hit> titles =
      heading_index_.Search(query.heading_terms, sections_.size());
  // Each side's scores as shares of its best, the heading's counting kSectionHeadingWeight
  // times: a heading that says what the customer asks ("When do you open?" under "Opening
  // hours") is the strongest sign (an FAQ's question is its heading).
  std::vector<double> fused(sections_.size(), 0.0);
  for (const text::Bm25Hit& hit : whole) fused[hit.doc] += hit.score / whole.front().score;
  for (const text::Bm25Hit& hit : titles) {
    fused[hit.doc] += kSectionHeadingWeight * hit.score / titles.front().score;
  }
  const text::Bm25Hit& best = *std::max_element(
      whole.begin(), whole.end(),
      [&](const text::Bm25Hit& a, const text::Bm25Hit& b) { return fused[a.doc] < fused[b.doc]; });
  const double covered = SectionCoverage(query, best);
  if (covered < kMinSectionCoverage) return std::nullopt;
  // One of several words found is too little to go on ("repair" of "do you repair cars?"),
  // unless it was found in the context's language for a question in another ("consertam" for
  // "repair": the other words may only lack their translation, "bicicletas"), or it is what a
  // question form asks ("where is the shop?" asks for the address).
  const std::vector<bool> filled = FilledSlots(query, best);
  std::size_t found = 0;
  bool enough = false;
  for (std::size_t slot = 0; slot < filled.size(); ++slot) {
    if (!filled[slot]) continue;
    ++found;
    enough = enough || query.slot_translated[slot] || query.slot_asked[slot];
  }
  if (found < kMinWordsFound && found < filled.size() && !enough) return std::nullopt;
  return SectionPick{best.doc, covered};
}

std::vector<std::size_t> Knowledge::AnsweringFacts(const Query& query,
                                                   std::span<const text::Bm25Hit> hits,
                                                   std::size_t section) const {
  // The section's sentences among the hits that cover the most of the question.
  double widest = -1;
  std::vector<std::pair<double, std::size_t>> candidates;
  for (const text::Bm25Hit& hit : hits) {
    const Document& d = documents_[hit.doc];
    if (d.kind != Document::Kind::kFact || section_of_[facts_[d.index].passage] != section) {
      continue;
    }
    candidates.emplace_back(Coverage(query, hit), d.index);
    widest = std::max(widest, candidates.back().first);
  }
  std::vector<std::size_t> answering;
  for (const auto& [covered, fact] : candidates) {
    if (covered >= widest) answering.push_back(fact);
  }
  // None among the hits (the section won by its words together): its first sentences.
  if (answering.empty()) {
    const Section& s = sections_[section];
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      if (facts_[i].passage >= s.first_passage && facts_[i].passage < s.end_passage) {
        answering.push_back(i);
      }
    }
  }
  std::sort(answering.begin(), answering.end());
  if (answering.size() > kMaxSentencesInReply) answering.resize(kMaxSentencesInReply);
  return answering;
}

Knowledge::Ranked Knowledge::Rank(std::span<const std::string> folded_words,
                                  text::Language language, std::size_t max_products,
                                  std::size_t max_passages) const {
  Ranked ranked;
  const Query query = MakeQuery(folded_words, language);
  if (query.terms.empty()) return ranked;
  for (const text::Bm25Hit& hit : index_.Search(query.terms, index_.size())) {
    const Document& d = documents_[hit.doc];
    if (d.kind == Document::Kind::kProduct) {
      if (ranked.products.size() < max_products) ranked.products.push_back(&products_[d.index]);
    } else if (d.kind == Document::Kind::kFact && ranked.passages.size() < max_passages) {
      const Passage* passage = &context_.passages[facts_[d.index].passage];
      if (std::find(ranked.passages.begin(), ranked.passages.end(), passage) ==
          ranked.passages.end()) {
        ranked.passages.push_back(passage);
      }
    }
    if (ranked.products.size() == max_products && ranked.passages.size() == max_passages) break;
  }
  return ranked;
}

}  // namespace brain
