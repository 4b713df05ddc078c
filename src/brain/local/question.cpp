#include "brain/local/question.h"

#include <algorithm>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace brain {
namespace {

// Interrogative words that open a question even without '?'.
const WordSet& StrongOpeners() {
  static const WordSet words = {
      "what",   "whats",   "how",     "which",   "who",     "whom",   "whose",   "why",
      "is",     "are",     "do",      "does",    "did",     "can",    "could",   "would",
      "will",   "should",  "cual",    "cuales",  "cuanto",  "cuanta", "cuantos", "cuantas",
      "quien",  "quienes", "tienen",  "venden",  "aceptan", "abren",  "qual",    "quais",
      "quanto", "quanta",  "quantos", "quantas", "quem",    "vendem", "aceitam", "abrem"};
  return words;
}
// Openers that also start statements ("when I get paid", "como te dije", "tem 3 anos").
const WordSet& WeakOpeners() {
  static const WordSet words = {"when", "where", "wheres", "have",  "has",    "any",
                                "que",  "como",  "cuando", "donde", "tiene",  "tenes",
                                "hay",  "puedo", "pueden", "hacen", "quando", "onde",
                                "tem",  "ha",    "posso",  "podem", "fazem"};
  return words;
}

// Words that ask for information wherever they appear.
const WordSet& InfoWords() {
  static const WordSet words = {
      "price",      "prices",       "cost",       "costs",        "hours",      "open",
      "opening",    "address",      "located",    "location",     "returns",    "refund",
      "shipping",   "delivery",     "available",  "availability", "info",       "information",
      "precio",     "precios",      "cuesta",     "cuestan",      "vale",       "valen",
      "horario",    "horarios",     "abierto",    "direccion",    "ubicacion",  "ubicados",
      "devolucion", "devoluciones", "envio",      "envios",       "disponible", "informacion",
      "preco",      "precos",       "custa",      "custam",       "valor",      "aberto",
      "endereco",   "localizacao",  "devolucao",  "devolucoes",   "troca",      "entrega",
      "frete",      "disponivel",   "informacao", "informacoes",  "close",      "closing",
      "cierran",    "fecham"};
  return words;
}

// Two-word requests to be told something: "tell me", "quiero saber".
const WordPair kKnowPairs[] = {
    {"tell", "me"}, {"to", "know"}, {"quiero", "saber"}, {"gustaria", "saber"}, {"quero", "saber"}};

// Other two-word requests for information: "how much", "looking for", "vocês têm".
const WordPair kInfoPairs[] = {{"how", "much"},       {"how", "many"},    {"looking", "for"},
                               {"interested", "in"},  {"you", "have"},    {"you", "sell"},
                               {"estoy", "buscando"}, {"me", "interesa"}, {"gostaria", "de"},
                               {"voces", "tem"},      {"voce", "tem"},    {"estou", "procurando"},
                               {"tem", "disponivel"}};

// Requests phrased as statements ("I need a chain", "give me the pricing"): questions, but
// also how an answer to a pending question may start ("I need a work visa").
const WordPair kRequestPairs[] = {{"i", "need"},  {"i", "want"},  {"id", "like"}, {"give", "me"},
                                  {"send", "me"}, {"show", "me"}, {"me", "das"},  {"me", "passa"}};

const WordSet& Seekers() {
  static const WordSet words = {"busco", "procuro", "necesito", "preciso", "dame", "mandame"};
  return words;
}

const WordSet& Greetings() {
  static const WordSet words = {"hi",        "hello",   "hey",   "hiya",   "howdy",  "morning",
                                "afternoon", "evening", "hola",  "buenas", "buenos", "buen",
                                "ola",       "oi",      "bom",   "boa",    "tardes", "noches",
                                "dias",      "noite",   "tarde", "dia"};
  return words;
}
const WordSet& Thanks() {
  static const WordSet words = {"thanks",   "thank",  "thx",       "ty",
                                "tks",      "cheers", "gracias",   "obrigado",
                                "obrigada", "valeu",  "agradezco", "agradeco"};
  return words;
}
const WordSet& Affirmatives() {
  static const WordSet words = {"yes",    "yeah",    "yep",      "sure",     "ok",     "okay",
                                "si",     "claro",   "dale",     "vale",     "sim",    "bora",
                                "please", "pls",     "go",       "ahead",    "por",    "favor",
                                "porfa",  "of",      "course",   "pode",     "ser",    "puede",
                                "quero",  "quiero",  "certo",    "exactly",  "exacto", "isso",
                                "great",  "perfect", "perfecto", "perfeito", "genial", "otimo"};
  return words;
}
// Words around a yes that keep it a yes ("sure, that would be great, thank you").
const WordSet& Agreeable() {
  static const WordSet words = {
      "great", "perfect",  "good",   "fine", "alright", "that",     "would", "be", "like",   "i",
      "id",    "love",     "lovely", "you",  "genial",  "perfecto", "bueno", "me", "parece", "bien",
      "otimo", "perfeito", "beleza", "bom",  "seria",   "gracias",  "please"};
  return words;
}

// Words that may pad small talk without changing it ("show" is Brazilian for "great").
const WordSet& Padding() {
  static const WordSet words = {
      "ok",      "okay",       "k",     "cool",     "great",  "perfect", "nice",      "alright",
      "fine",    "sure",       "yes",   "yeah",     "yep",    "no",      "nope",      "got",
      "it",      "understood", "good",  "very",     "much",   "so",      "a",         "lot",
      "you",     "there",      "all",   "everyone", "again",  "bye",     "goodbye",   "see",
      "later",   "vale",       "bueno", "perfecto", "genial", "listo",   "entendido", "claro",
      "si",      "dale",       "de",    "acuerdo",  "muchas", "mil",     "muy",       "amable",
      "adios",   "chau",       "hasta", "luego",    "certo",  "beleza",  "otimo",     "perfeito",
      "entendi", "sim",        "nao",   "ta",       "blz",    "legal",   "combinado", "muito",
      "tchau",   "ate",        "logo",  "e",        "ai",     "tudo",    "bem",       "todo",
      "bien",    "y",          "the",   "and",      "for",    "your",    "help",      "por",
      "la",      "ayuda",      "pela",  "ajuda",    "o",      "obg",     "tks",       "show"};
  return words;
}

}  // namespace

bool IsQuestion(std::span<const Clause> clauses, QuestionCues cues) {
  const bool all = cues == QuestionCues::kAll;
  for (const Clause& clause : clauses) {
    const auto& w = clause.words;
    if (OpensQuestion(clause)) return true;
    if (all && (In(WeakOpeners(), w.front()) || In(Seekers(), w.front()))) return true;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (all && In(InfoWords(), w[i])) return true;
      if (HasPairAt(kKnowPairs, w, i) || HasPairAt(kInfoPairs, w, i)) return true;
      if (all && HasPairAt(kRequestPairs, w, i)) return true;
    }
  }
  return false;
}

bool OpensQuestion(const Clause& clause) {
  return clause.question || (!clause.words.empty() && In(StrongOpeners(), clause.words.front()));
}

bool AsksForInformation(const Clause& clause) {
  const auto& w = clause.words;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (In(InfoWords(), w[i]) || HasPairAt(kKnowPairs, w, i)) return true;
  }
  return false;
}

SmallTalk ClassifySmallTalk(std::span<const Clause> clauses) {
  bool greeting = false;
  bool thanks = false;
  bool any = false;
  for (const Clause& clause : clauses) {
    for (const std::string& w : clause.words) {
      any = true;
      if (In(Thanks(), w)) {
        thanks = true;
      } else if (In(Greetings(), w)) {
        greeting = true;
      } else if (!In(Padding(), w)) {
        return SmallTalk::kNone;
      }
    }
  }
  if (!any) return SmallTalk::kNone;
  if (thanks) return SmallTalk::kThanks;
  return greeting ? SmallTalk::kGreeting : SmallTalk::kAcknowledgement;
}

bool IsAffirmative(std::span<const Clause> clauses) {
  bool yes = false;
  for (const Clause& clause : clauses) {
    for (const std::string& w : clause.words) {
      if (In(Affirmatives(), w)) {
        yes = true;
      } else if (!In(Thanks(), w) && !In(Agreeable(), w)) {
        return false;
      }
    }
  }
  return yes;
}

bool IsUnsure(std::span<const Clause> clauses) {
  // Doubts on their own ("maybe", "idk", "depende").
  static const WordSet doubts = {"idk",   "dunno",  "depends", "maybe",  "perhaps",  "quizas",
                                 "quiza", "talvez", "depende", "unsure", "undecided"};
  // Doubts only when negated: "not sure", "no sé", "não sei"; "sure" or "sei" alone says yes.
  static const WordSet negated_doubts = {"sure",     "idea",   "know",    "se",     "sei",
                                         "seguro",   "segura", "certeza", "sabe",   "decided",
                                         "decidido", "decidi", "ideia",   "sabria", "saberia"};
  static const WordSet negations = {"not", "no",     "dont",  "nao",   "ni",
                                    "nem", "havent", "never", "nunca", "sin"};
  // Words around a doubt: "la verdad es que no lo sé", "yo qué sé", "não faço ideia".
  static const WordSet around = {
      "not",     "no",    "im",    "i",     "am",    "really", "yet",   "dont",   "do",
      "ni",      "lo",    "nao",   "la",    "tenho", "estoy",  "a",     "bit",    "it",
      "todavia", "aun",   "ainda", "still", "an",    "have",   "haven", "havent", "very",
      "sorry",   "hmm",   "um",    "eh",    "tengo", "muy",    "bem",   "perdon", "desculpa",
      "on",      "that",  "eso",   "isso",  "de",    "verdad", "es",    "que",    "decir",
      "decirte", "dizer", "faco",  "mmm",   "hm",    "umm",    "yo",    "nem"};
  bool doubt = false;
  for (const Clause& clause : clauses) {
    const auto& words = clause.words;
    const bool negated = std::any_of(words.begin(), words.end(),
                                     [](const std::string& w) { return In(negations, w); });
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      // "yo qué sé", "sei lá": not knowing, said without a negation.
      const bool idiom = (w == "se" && i > 0 && words[i - 1] == "que") ||
                         (w == "sei" && i + 1 < words.size() && words[i + 1] == "la");
      if (In(doubts, w) || idiom || (negated && In(negated_doubts, w))) {
        doubt = true;
      } else if (!In(around, w) && !In(Padding(), w) && !In(negated_doubts, w)) {
        return false;
      }
    }
  }
  return doubt;
}

bool IsYesOrNo(std::span<const Clause> clauses) {
  static const WordSet words = {"yes", "yeah", "yep",    "no",    "nope", "si",    "sim",
                                "nao", "of",   "course", "claro", "not",  "really"};
  bool any = false;
  for (const Clause& clause : clauses) {
    for (const std::string& w : clause.words) {
      if (!In(words, w) && !In(Padding(), w)) return false;
      any = true;
    }
  }
  return any;
}

bool AsksYesOrNo(std::string_view question) {
  static const WordSet auxiliaries = {
      "do",    "does",  "did",    "is",     "are",   "was",    "were",   "have", "has",  "can",
      "could", "will",  "would",  "should", "tiene", "tienes", "tienen", "es",   "esta", "estas",
      "hay",   "puede", "puedes", "tem",    "voce",  "e",      "pode",   "ja",   "ha"};
  static const WordSet alternatives = {"or", "o", "ou"};
  const std::vector<std::string> words = text::Words(question);
  if (words.empty() || !In(auxiliaries, words.front())) return false;
  for (const std::string& w : words) {
    if (In(alternatives, w)) return false;
  }
  return true;
}

}  // namespace brain
