#include "brain/local/directive.h"

#include <algorithm>
#include <cctype>

#include "brain/local/clause.h"
#include "text/tokenizer.h"

namespace brain {
namespace {

// How far after a verb of handing the person it hands to may be named ("hand the conversation
// to the team": four words).
constexpr std::size_t kHandingReach = 6;
// How far after an imperative opening its verb may be ("never, ever promise", "do not promise").
constexpr std::size_t kVerbReach = 3;
// How far before a verb of handing its person may be named ("a person from the team handles").
constexpr std::size_t kPersonBefore = 3;

// Words that open an instruction when a verb of speaking or dealing follows.
const WordSet& Openers() {
  static const WordSet words = {"never", "always", "dont",    "do",     "not",
                                "only",  "nunca",  "siempre", "no",     "jamas",
                                "solo",  "sempre", "nao",     "jamais", "apenas"};
  return words;
}

// Verbs an assistant is told to do or not to do with customers.
const WordSet& DealingVerbs() {
  static const WordSet words = {
      // en
      "promise", "mention", "offer", "discuss", "give", "share", "quote", "confirm", "guarantee",
      "agree", "accept", "answer", "reply", "respond", "say", "tell", "ask", "greet", "use",
      "invent", "make", "talk", "negotiate", "disclose", "reveal", "recommend", "suggest",
      "speculate", "commit", "apologize", "apologise", "argue", "provide", "invite",
      // es ("no des": the negative imperative of dar)
      "prometas", "prometer", "menciones", "mencionar", "ofrezcas", "ofrecer", "dar", "des",
      "compartas", "compartir", "confirmes", "confirmar", "confirma", "garantices", "garantizar",
      "digas", "decir", "respondas", "responder", "preguntes", "preguntar", "pregunta", "pide",
      "pedir", "uses", "usar", "inventes", "inventar", "hables", "hablar", "negocies", "negociar",
      "recomiendes", "recomendar", "saluda", "saludar", "ofrece", "menciona", "responde", "usa",
      // pt
      "prometa", "mencione", "ofereca", "oferecer", "compartilhe", "compartilhar", "confirme",
      "garanta", "garantir", "diga", "dizer", "responda", "pergunte", "perguntar", "peca", "use",
      "invente", "fale", "falar", "negocie", "recomende", "cumprimente"};
  return words;
}

// The assistant named as the one a sentence speaks to.
const WordSet& Assistants() {
  static const WordSet words = {"assistant", "agent",      "bot",    "chatbot", "ai",
                                "asistente", "assistente", "agente", "ia"};
  return words;
}
const WordSet& Modals() {
  static const WordSet words = {"must",   "should", "shall",  "never",   "always", "only",
                                "cannot", "debe",   "deben",  "siempre", "solo",   "deve",
                                "devem",  "nunca",  "sempre", "apenas"};
  return words;
}

// Verbs of handing over, in every form a rule writes them.
const WordSet& HandingVerbs() {
  static const WordSet words = {
      // en
      "hand", "hands", "handed", "handle", "handled", "handles", "pass", "passed", "transfer",
      "transferred", "escalate", "escalated", "refer", "referred", "forward", "forwarded", "route",
      "routed", "leave", "left", "reserved", "kept", "dealt",
      // es
      "pasa", "pasan", "pasar", "pase", "pasalo", "pasala", "deriva", "derivan", "derivar",
      "derive", "derivado", "derivados", "derivada", "derivadas", "transfiere", "transferir",
      "transfiera", "atendido", "atendidos", "atendida", "atendidas", "gestiona", "gestionan",
      "gestionado", "gestionados", "gestionada", "gestionadas", "llevan", "lleva", "reservado",
      "reservados",
      // pt
      "passe", "passar", "passado", "passados", "passada", "passadas", "encaminhe", "encaminhar",
      "encaminhado", "encaminhados", "encaminhada", "encaminhadas", "transfira", "atende",
      "atendem", "tratado", "tratados", "tratada", "tratadas", "cuida", "cuidam", "reservada",
      "reservadas"};
  return words;
}

// Who a rule hands a topic to.
const WordSet& People() {
  static const WordSet words = {
      "person",     "people",  "human",   "humans",  "team",     "staff",  "colleague",
      "colleagues", "manager", "someone", "persona", "personas", "humano", "humanos",
      "equipo",     "alguien", "gerente", "pessoa",  "pessoas",  "equipe", "alguem"};
  return words;
}

// Words of a topic-keeping rule that name no topic.
const WordSet& Generic() {
  static const WordSet words = {"conversation",
                                "conversations",
                                "chat",
                                "customer",
                                "customers",
                                "client",
                                "clients",
                                "conversacion",
                                "conversaciones",
                                "cliente",
                                "clientes",
                                "conversa",
                                "conversas",
                                "always",
                                "never",
                                "siempre",
                                "sempre",
                                "nunca",
                                "topic",
                                "topics",
                                "tema",
                                "temas",
                                "question",
                                "questions",
                                "our",
                                "we",
                                "us",
                                "nuestro",
                                "nuestra",
                                "nosso",
                                "nossa",
                                "directly",
                                "immediately",
                                "please",
                                "member",
                                "members",
                                "miembro",
                                "membro"};
  return words;
}

bool InReach(const WordSet& set, std::span<const std::string> words, std::size_t from,
             std::size_t reach) {
  const std::size_t end = std::min(words.size(), from + reach + 1);
  for (std::size_t i = from; i < end; ++i) {
    if (In(set, words[i])) return true;
  }
  return false;
}

// Whether a verb of handing has its person after it ("handled by a person") or just before it
// ("our team handles").
bool HandsToPeople(std::span<const std::string> words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!In(HandingVerbs(), words[i])) continue;
    const std::size_t before = i >= kPersonBefore ? i - kPersonBefore : 0;
    if (InReach(People(), words, i + 1, kHandingReach) ||
        (i > 0 && InReach(People(), words, before, i - before - 1))) {
      return true;
    }
  }
  return false;
}

bool IsRule(std::span<const std::string> words) {
  // "Never promise …", "Do not promise …", "Always ask …", "No ofrezcas …", "Nunca prometa …".
  if (!words.empty() && In(Openers(), words.front()) &&
      InReach(DealingVerbs(), words, 1, kVerbReach)) {
    return true;
  }
  // Bare imperatives that only an assistant is given: "Ask for the order number".
  if (!words.empty() && (words.front() == "ask" || words.front() == "pregunta" ||
                         words.front() == "pergunte" || words.front() == "greet")) {
    return true;
  }
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (In(Assistants(), words[i]) && InReach(Modals(), words, i + 1, 1)) return true;
  }
  return false;
}

}  // namespace

bool IsAssistantHeading(std::string_view heading) {
  // "Rules" alone heads the assistant's; "House rules" or "Care instructions" head customers'.
  static const WordSet rules = {"rules",         "instructions", "guidelines", "reglas",
                                "instrucciones", "regras",       "instrucoes", "diretrizes"};
  const std::vector<std::string> words = text::Words(heading);
  if (words.size() == 1 && In(rules, words.front())) return true;
  return std::any_of(words.begin(), words.end(),
                     [](const std::string& w) { return In(Assistants(), w); });
}

DirectiveKind ClassifyDirective(std::string_view sentence) {
  const std::vector<std::string> words = text::Words(sentence);
  if (HandsToPeople(words)) return DirectiveKind::kReservesTopic;
  return IsRule(words) ? DirectiveKind::kRule : DirectiveKind::kNone;
}

std::vector<std::string> ReservedTopicWords(std::string_view sentence) {
  const std::vector<std::string> words = text::Words(sentence);
  std::vector<std::string> topic;
  for (const std::string& w : words) {
    if (In(HandingVerbs(), w) || In(People(), w) || In(Generic(), w)) continue;
    if (std::isdigit(static_cast<unsigned char>(w.front()))) continue;  // "10 or more units"
    topic.push_back(w);
  }
  return topic;
}

}  // namespace brain
