#include "brain/local/need.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "brain/local/question.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

// Two words that open a statement of need: "I need", "we're looking", "me gustaría".
const WordPair kNeedPairs[] = {{"i", "need"},           {"we", "need"},        {"i", "want"},
                               {"we", "want"},          {"id", "like"},        {"would", "like"},
                               {"looking", "for"},      {"i", "have"},         {"we", "have"},
                               {"me", "gustaria"},      {"estoy", "buscando"}, {"tengo", "que"},
                               {"estou", "procurando"}, {"tenho", "que"}};

// Words that state a need wherever they stand ("necesito", "preciso de").
const WordSet& NeedWords() {
  static const WordSet words = {"necesito", "necesitamos", "quiero",    "queremos",   "quisiera",
                                "busco",    "buscamos",    "preciso",   "precisamos", "quero",
                                "gostaria", "procuro",     "procuramos"};
  return words;
}

// Words that say something is wrong ("broke", "no funciona", "furou").
const WordSet& ProblemWords() {
  static const WordSet words = {
      "broke",    "broken",   "problem",   "problems", "issue",   "issues",    "doesnt",
      "wont",     "isnt",     "stopped",   "leaking",  "flat",    "damaged",   "cracked",
      "needs",    "necesita", "precisa",   "expired",  "expires", "roto",      "rota",
      "rompio",   "problema", "problemas", "vence",    "vencio",  "quebrou",   "quebrado",
      "quebrada", "furou",    "estragou",  "vencendo", "venceu",  "averiado",  "pinchazo",
      "refused",  "denied",   "rejected",  "lost",     "stolen",  "rechazado", "rechazada",
      "denegado", "denegada", "negaron",   "robaron",  "negado",  "negada",    "recusado",
      "recusada", "roubaram"};
  return words;
}

// Words that make a clause about asking rather than needing ("I have a question about visas").
const WordSet& Asking() {
  static const WordSet words = {"question",  "questions", "doubt",  "pregunta",
                                "preguntas", "duda",      "dudas",  "pergunta",
                                "perguntas", "duvida",    "duvidas"};
  return words;
}

// Words of a need that say nothing of what is needed ("I need some help with something").
const WordSet& Empty() {
  static const WordSet words = {
      "i",   "we",    "need",  "want",     "id",        "like",  "would",    "have",       "help",
      "a",   "an",    "the",   "some",     "something", "with",  "to",       "please",     "you",
      "it",  "this",  "that",  "for",      "looking",   "me",    "algo",     "ayuda",      "ajuda",
      "un",  "una",   "um",    "uma",      "con",       "com",   "de",       "por",        "favor",
      "que", "tengo", "tenho", "gustaria", "estoy",     "estou", "buscando", "procurando", "my",
      "our", "mi",    "mis",   "meu",      "minha",     "nosso", "nossa",    "nuestro"};
  return words;
}

bool StatesNeedIn(const Clause& clause) {
  const auto& w = clause.words;
  if (OpensQuestion(clause) || AsksForInformation(clause) ||
      std::any_of(w.begin(), w.end(), [](const auto& x) { return In(Asking(), x); })) {
    return false;
  }
  const bool cue = HasPair(kNeedPairs, w) || std::any_of(w.begin(), w.end(), [](const auto& x) {
                     return In(NeedWords(), x) || In(ProblemWords(), x);
                   });
  const bool says_what = std::any_of(
      w.begin(), w.end(), [](const auto& x) { return !In(Empty(), x) && !In(NeedWords(), x); });
  return cue && says_what;
}

}  // namespace

bool StatesNeed(std::span<const Clause> clauses) {
  return std::any_of(clauses.begin(), clauses.end(), StatesNeedIn);
}

bool AsksForNeed(std::string_view question) {
  static const WordSet asking = {
      "need",      "needs",     "help",       "problem", "issue",    "wrong",    "service",
      "services",  "looking",   "interested", "bring",   "brings",   "reason",   "necesita",
      "necesitas", "necesitan", "ayuda",      "ayudar",  "ayudarte", "ayudarle", "problema",
      "servicio",  "servicios", "busca",      "buscas",  "interesa", "motivo",   "trae",
      "precisa",   "precisam",  "ajuda",      "ajudar",  "servico",  "servicos", "procura",
      "interessa", "traz"};
  // Openings of a question about what (not when, where or how much): "What…", "Which…", "How
  // can we…", "Tell us…", "¿En qué…", "¿Qué…", "Qual…", "Em que…", "Conte…".
  static const WordSet openers = {"what",     "whats",     "which",    "how",      "tell",
                                  "describe", "please",    "que",      "cual",     "en",
                                  "como",     "cuentanos", "cuentame", "describa", "qual",
                                  "em",       "o",         "conte",    "descreva"};
  static const WordSet other = {"when",  "where",     "cuando",   "donde", "quando",
                                "onde",  "budget",    "deadline", "date",  "presupuesto",
                                "fecha", "orcamento", "prazo",    "much",  "many",
                                "long",  "cuanto",    "quanto"};
  // The first sentence asks: "What's your name? We need it for the file" asks for a name.
  const std::vector<Clause> clauses = SplitClauses(text::Tokenize(question));
  if (clauses.empty() || AsksYesOrNo(question)) return false;
  const auto& first = clauses.front().words;
  return In(openers, first.front()) &&
         std::any_of(first.begin(), first.end(), [](const auto& w) { return In(asking, w); }) &&
         std::none_of(first.begin(), first.end(), [](const auto& w) { return In(other, w); });
}

std::string WithoutOpeningSmallTalk(std::string_view text) {
  static constexpr std::string_view kBreaks = ".,;:!?\n";
  std::string_view rest = base::Trim(text);
  while (true) {
    const std::size_t end = rest.find_first_of(kBreaks);
    if (end == std::string_view::npos) break;
    const std::vector<text::Token> tokens = text::Tokenize(rest.substr(0, end));
    const std::vector<Clause> clauses = SplitClauses(tokens);
    if (clauses.empty() || ClassifySmallTalk(clauses) == SmallTalk::kNone) break;
    const std::string_view after = base::Trim(rest.substr(end + 1));
    if (after.empty()) break;
    rest = after;
  }
  // Punctuation left over from the small talk ("hi!! my chain"): the answer starts at a word.
  const std::size_t start = rest.find_first_not_of(kBreaks);
  return std::string(base::Trim(start == std::string_view::npos ? rest : rest.substr(start)));
}

}  // namespace brain
