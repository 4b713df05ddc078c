#include "text/stopwords.h"

#include <span>
#include <string_view>
#include <unordered_set>

namespace text {
namespace {

using WordSet = std::unordered_set<std::string_view>;

// Folded forms: "está" is listed as "esta", "não" as "nao".
constexpr std::string_view kEnglish[] = {
    "a",     "about",   "above",  "after",    "again",    "all",    "also",   "am",    "an",
    "and",   "any",     "are",    "as",       "at",       "be",     "been",   "being", "both",
    "but",   "by",      "can",    "could",    "did",      "do",     "does",   "doing", "for",
    "from",  "further", "had",    "has",      "have",     "having", "he",     "her",   "here",
    "hers",  "him",     "his",    "how",      "i",        "id",     "if",     "im",    "in",
    "into",  "is",      "it",     "its",      "ive",      "just",   "let",    "lets",  "me",
    "more",  "most",    "my",     "of",       "off",      "on",     "once",   "only",  "or",
    "other", "our",     "ours",   "out",      "over",     "own",    "please", "pls",   "same",
    "she",   "should",  "so",     "some",     "such",     "than",   "that",   "thats", "the",
    "their", "them",    "then",   "there",    "these",    "they",   "this",   "those", "through",
    "to",    "too",     "u",      "under",    "until",    "up",     "very",   "was",   "we",
    "were",  "what",    "whats",  "when",     "where",    "which",  "while",  "who",   "whom",
    "why",   "will",    "with",   "would",    "you",      "youre",  "your",   "yours", "hi",
    "hello", "hey",     "thanks", "thank",    "ok",       "okay",   "yes",    "no",    "not",
    "dont",  "tell",    "know",   "want",     "wanna",    "like",   "need",   "get",   "got",
    "much",  "many",    "there",  "anything", "something"};

constexpr std::string_view kSpanish[] = {
    "a",       "al",     "algo",    "algun",    "alguna",   "algunas", "alguno",  "algunos",
    "ante",    "aqui",   "asi",     "aun",      "cada",     "como",    "con",     "contra",
    "cual",    "cuales", "cuando",  "de",       "del",      "desde",   "donde",   "durante",
    "e",       "el",     "ella",    "ellas",    "ellos",    "en",      "entre",   "era",
    "es",      "esa",    "esas",    "ese",      "eso",      "esos",    "esta",    "estan",
    "estar",   "estas",  "este",    "esto",     "estos",    "estoy",   "fue",     "ha",
    "hay",     "han",    "hasta",   "he",       "la",       "las",     "le",      "les",
    "lo",      "los",    "mas",     "me",       "mi",       "mis",     "mucho",   "muy",
    "nada",    "ni",     "no",      "nos",      "nosotros", "nuestra", "nuestro", "o",
    "os",      "otra",   "otro",    "para",     "pero",     "poco",    "por",     "porque",
    "que",     "quien",  "se",      "sea",      "ser",      "si",      "sin",     "sobre",
    "son",     "su",     "sus",     "tambien",  "te",       "tengo",   "ti",      "tiene",
    "tienen",  "todo",   "todos",   "tu",       "tus",      "un",      "una",     "uno",
    "unos",    "usted",  "ustedes", "vosotros", "y",        "ya",      "yo",      "hola",
    "gracias", "favor",  "quiero",  "quisiera", "puedo",    "pueden",  "puede",   "saber",
    "cuanto",  "cuanta", "cuantos", "cuantas",  "buenas",   "buenos"};

constexpr std::string_view kPortuguese[] = {
    "a",      "ao",     "aos",   "as",   "ate",   "com",    "como",     "da",       "das",
    "de",     "dela",   "dele",  "do",   "dos",   "e",      "ela",      "elas",     "ele",
    "eles",   "em",     "entre", "era",  "essa",  "esse",   "isso",     "esta",     "estao",
    "estar",  "este",   "estou", "eu",   "foi",   "ha",     "isto",     "ja",       "la",
    "lhe",    "mais",   "mas",   "me",   "meu",   "minha",  "muito",    "na",       "nas",
    "nao",    "nem",    "no",    "nos",  "nossa", "nosso",  "num",      "numa",     "o",
    "os",     "ou",     "para",  "pela", "pelo",  "por",    "pra",      "qual",     "quando",
    "que",    "quem",   "se",    "sem",  "ser",   "seu",    "seus",     "sua",      "suas",
    "so",     "tambem", "te",    "tem",  "tenho", "teu",    "tua",      "um",       "uma",
    "voce",   "voces",  "vc",    "vcs",  "ola",   "oi",     "obrigado", "obrigada", "quero",
    "queria", "posso",  "podem", "pode", "saber", "quanto", "quanta",   "quantos",  "quantas",
    "sim",    "bom",    "boa"};

WordSet MakeSet(std::span<const std::string_view> words) {
  return WordSet(words.begin(), words.end());
}

const WordSet& SetFor(Language language) {
  // Built once, then only read: safe to share between threads.
  static const WordSet english = MakeSet(kEnglish);
  static const WordSet spanish = MakeSet(kSpanish);
  static const WordSet portuguese = MakeSet(kPortuguese);
  switch (language) {
    case Language::kEnglish:
      return english;
    case Language::kSpanish:
      return spanish;
    case Language::kPortuguese:
      return portuguese;
  }
  return english;
}

}  // namespace

bool IsStopword(Language language, std::string_view folded_word) {
  return SetFor(language).contains(folded_word);
}

bool IsStopwordOfAny(std::string_view folded_word) {
  for (Language language : kLanguages) {
    if (IsStopword(language, folded_word)) return true;
  }
  return false;
}

}  // namespace text
