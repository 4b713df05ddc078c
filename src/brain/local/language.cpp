#include "brain/local/language.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "text/fold.h"

namespace brain {
namespace {

constexpr std::size_t kLanguageCount = 3;
using Scores = std::array<int, kLanguageCount>;

// Points per cue. A word only one language uses is worth more than one two of them share.
constexpr int kExclusiveWord = 2;
constexpr int kSharedWord = 1;
constexpr int kStrongLetter = 3;  // ñ ¿ ¡ for Spanish, ã õ for Portuguese
constexpr int kLetter = 2;        // ç ê ô â à: Portuguese only
constexpr int kSharedLetter = 1;  // á é í ó ú: Spanish or Portuguese, not English
constexpr int kSuffix = 2;        // -cion, -cao / -coes
constexpr std::size_t kMinSuffixWordLength = 5;
// A language wins only with at least this many points and strictly more than the others.
constexpr int kMinScore = 2;

std::size_t Slot(core::Language l) { return static_cast<std::size_t>(l); }

struct Cue {
  std::string_view word;
  Scores points;  // en, es, pt
};

// Folded words; the points say which languages use the word.
constexpr Scores kEn = {kExclusiveWord, 0, 0};
constexpr Scores kEs = {0, kExclusiveWord, 0};
constexpr Scores kPt = {0, 0, kExclusiveWord};
constexpr Scores kEsPt = {0, kSharedWord, kSharedWord};

const std::unordered_map<std::string_view, Scores>& Cues() {
  static const std::unordered_map<std::string_view, Scores> cues = [] {
    std::unordered_map<std::string_view, Scores> m;
    for (std::string_view w :
         {"the",   "you",   "your",   "youre",  "is",     "are",     "am",    "was",   "i",
          "im",    "id",    "ive",    "it",     "its",    "to",      "and",   "of",    "my",
          "what",  "whats", "how",    "can",    "could",  "would",   "will",  "have",  "has",
          "does",  "dont",  "please", "thanks", "thank",  "hi",      "hello", "hey",   "want",
          "need",  "talk",  "speak",  "this",   "that",   "for",     "with",  "price", "much",
          "there", "where", "when",   "why",    "which",  "who",     "on",    "at",    "be",
          "get",   "just",  "not",    "yes",    "any",    "some",    "if",    "or",    "we",
          "they",  "our",   "us",     "should", "did",    "buy",     "help",  "good",  "morning",
          "know",  "like",  "cant",   "would",  "person", "someone", "human", "in",    "out"}) {
      m[w] = kEn;
    }
    for (std::string_view w :
         {"el",       "los",      "las",     "del",        "al",      "y",       "es",
          "esta",     "estoy",    "una",     "un",         "ayuda",   "con",     "en",
          "hola",     "gracias",  "quiero",  "quisiera",   "tienen",  "tiene",   "tengo",
          "cuanto",   "cuanta",   "cuesta",  "cuestan",    "precio",  "hablar",  "persona",
          "puedo",    "puede",    "pueden",  "usted",      "ustedes", "hay",     "pero",
          "muy",      "tambien",  "buenos",  "buenas",     "dias",    "tardes",  "noches",
          "necesito", "donde",    "cuando",  "yo",         "eso",     "esto",    "este",
          "ese",      "si",       "ya",      "senor",      "hacer",   "bien",    "gusta",
          "gustaria", "llamo",    "dinero",  "cuenta",     "ahora",   "hoy",     "manana",
          "quien",    "cual",     "tarjeta", "habitacion", "alguien", "otra",    "otro",
          "mi",       "mis",      "su",      "sus",        "le",      "lo",      "les",
          "porque",   "estas",    "ser",     "sin",        "quiere",  "tu",      "ni",
          "cuantos",  "necesita", "sirve",   "sirves",     "hace",    "puedes",  "quieres",
          "tienes",   "eres",     "soy",     "estan",      "llamar",  "pasar",   "ahi",
          "vale",     "despues",  "todavia", "fue",        "ayer",    "dice",    "deseo",
          "cambiar",  "solo",     "seran",   "actual",     "chau",    "adios",   "nuevo",
          "nueva",    "hasta",    "luego",   "mucho",      "hagalo",  "conozco", "esos",
          "la"}) {
      m[w] = kEs;
    }
    for (std::string_view w :
         {"os",      "da",     "dos",    "das",      "nao",    "voce",      "voces",    "vc",
          "um",      "uma",    "com",    "em",       "na",     "nas",       "obrigado", "obrigada",
          "ola",     "oi",     "quero",  "queria",   "tem",    "tenho",     "quanto",   "quanta",
          "custa",   "custam", "preco",  "falar",    "pessoa", "posso",     "pode",     "podem",
          "muito",   "muita",  "tambem", "bom",      "boa",    "dia",       "tarde",    "noite",
          "preciso", "onde",   "quando", "pra",      "meu",    "minha",     "seu",      "sua",
          "eu",      "isso",   "isto",   "esse",     "essa",   "sim",       "ja",       "senhor",
          "fazer",   "bem",    "gosto",  "gostaria", "chamo",  "dinheiro",  "conta",    "mais",
          "agora",   "hoje",   "amanha", "quem",     "qual",   "cartao",    "quarto",   "alguem",
          "outra",   "outro",  "ao",     "pelo",     "pela",   "atendente", "ele",      "ela",
          "estou",   "vou",    "voces",  "tudo",     "nem",    "quantos",   "precisa",  "serve",
          "quer",    "tens",   "sou",    "ligar",    "passar", "suporte",   "ajuda",    "ai",
          "certo",   "valeu",  "tchau",  "depois",   "ainda",  "foi",       "ontem",    "diz",
          "desejo",  "mudar",  "novo",   "nova",     "ate",    "logo",      "atual",    "perdi",
          "faca",    "conheco"}) {
      m[w] = kPt;
    }
    for (std::string_view w :
         {"que", "de", "como", "para", "no", "nada", "algo", "favor", "o",  "e",
          "mas", "a",  "se",   "me",   "te", "por",  "nos",  "aqui",  "ha", "claro"}) {
      m[w] = kEsPt;
    }
    return m;
  }();
  return cues;
}

void AddLetterCues(std::string_view utf8, Scores& scores) {
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t c = text::DecodeUtf8(utf8, pos);
    switch (c) {
      case U'ñ':
      case U'Ñ':
      case U'¿':
      case U'¡':
        scores[Slot(core::Language::kEs)] += kStrongLetter;
        break;
      case U'ã':
      case U'õ':
      case U'Ã':
      case U'Õ':
        scores[Slot(core::Language::kPt)] += kStrongLetter;
        break;
      case U'ç':
      case U'Ç':
      case U'ê':
      case U'ô':
      case U'â':
      case U'à':
        scores[Slot(core::Language::kPt)] += kLetter;
        break;
      case U'á':
      case U'é':
      case U'í':
      case U'ó':
      case U'ú':
        scores[Slot(core::Language::kEs)] += kSharedLetter;
        scores[Slot(core::Language::kPt)] += kSharedLetter;
        break;
      default:
        break;
    }
  }
}

void AddWordCues(std::span<const text::Token> tokens, Scores& scores) {
  const auto& cues = Cues();
  for (const text::Token& token : tokens) {
    if (token.kind != text::TokenKind::kWord) continue;
    const std::string_view w = token.text;
    if (const auto it = cues.find(w); it != cues.end()) {
      for (std::size_t i = 0; i < kLanguageCount; ++i) scores[i] += it->second[i];
    }
    if (w.size() < kMinSuffixWordLength) continue;
    if (w.ends_with("cion") || w.ends_with("ciones")) scores[Slot(core::Language::kEs)] += kSuffix;
    if (w.ends_with("cao") || w.ends_with("coes")) scores[Slot(core::Language::kPt)] += kSuffix;
  }
}

}  // namespace

text::Language StemLanguage(core::Language language) {
  switch (language) {
    case core::Language::kEn:
      return text::Language::kEnglish;
    case core::Language::kEs:
      return text::Language::kSpanish;
    case core::Language::kPt:
      return text::Language::kPortuguese;
  }
  return text::Language::kEnglish;
}

core::Language DetectLanguage(std::string_view utf8, std::span<const text::Token> tokens,
                              core::Language fallback) {
  Scores scores{};
  AddLetterCues(utf8, scores);
  AddWordCues(tokens, scores);
  constexpr core::Language kAll[] = {core::Language::kEn, core::Language::kEs, core::Language::kPt};
  int best_score = 0;
  for (core::Language l : kAll) best_score = std::max(best_score, scores[Slot(l)]);
  if (best_score < kMinScore) return fallback;
  // Ties go to the fallback when it is among the leaders, else to the first leader: text that
  // reads as Spanish or Portuguese is not answered in English.
  if (scores[Slot(fallback)] == best_score) return fallback;
  for (core::Language l : kAll) {
    if (scores[Slot(l)] == best_score) return l;
  }
  return fallback;
}

core::Language DetectLanguage(std::string_view utf8, core::Language fallback) {
  return DetectLanguage(utf8, text::Tokenize(utf8), fallback);
}

}  // namespace brain
