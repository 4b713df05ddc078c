#include "brain/local/directive.h"

#include <algorithm>
#include <cctype>

#include "brain/local/clause.h"
#include "text/stopwords.h"
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

// The people a rule hands a topic to by name ("a person", "someone"), as opposed to the
// business's team, which a fact also names ("repairs are handled by our team of mechanics").
const WordSet& NamedPeople() {
  static const WordSet words = {"person",   "persons",  "people",    "human",      "humans",
                                "someone",  "somebody", "colleague", "colleagues", "persona",
                                "personas", "humano",   "humanos",   "alguien",    "pessoa",
                                "pessoas",  "alguem"};
  return words;
}

// Words that only introduce what follows: "Please never…", "Important: always…".
const WordSet& LeadIns() {
  static const WordSet words = {"please",     "pls",     "important", "note",     "remember",
                                "also",       "and",     "but",       "por",      "favor",
                                "importante", "nota",    "ojo",       "recuerda", "lembre",
                                "lembrete",   "tambien", "tambem"};
  return words;
}

// Imperatives that open an instruction under an assistant heading ("Reply in the customer's
// language", "Be brief").
const WordSet& Imperatives() {
  static const WordSet words = {"be",      "keep",     "stay",     "avoid",    "try",      "let",
                                "reply",   "mention",  "offer",    "answer",   "use",      "make",
                                "manten",  "evita",    "intenta",  "seja",     "mantenha", "evite",
                                "tente",   "responde", "responda", "menciona", "mencione", "ofrece",
                                "ofereca", "usa",      "sea"};
  return words;
}

// The words of `clause` after its lead-ins.
std::span<const std::string> AfterLeadIns(std::span<const std::string> clause) {
  std::size_t i = 0;
  while (i < clause.size() && In(LeadIns(), clause[i])) ++i;
  return clause.subspan(i);
}

// True when nothing but generic words and stopwords follows words[at]: "handled by our team."
// ends on the team; "handled by our team of certified mechanics" describes it.
bool EndsOn(std::span<const std::string> words, std::size_t at) {
  for (std::size_t i = at + 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    const bool stopword = std::any_of(text::kLanguages.begin(), text::kLanguages.end(),
                                      [&](text::Language l) { return text::IsStopword(l, w); });
    if (!stopword && !In(Generic(), w) && !In(People(), w)) return false;
  }
  return true;
}

// Whether a verb of handing has its person before it ("a person handles", "our team handles") or
// after it ("handled by a person"). A team named after the verb keeps the topic when the
// sentence ends on it or gives an instruction (an imperative, a heading for the assistant); a
// sentence that goes on to describe the team states a fact.
bool HandsToPeople(std::span<const std::string> words, bool instruction) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!In(HandingVerbs(), words[i])) continue;
    const std::size_t before = i >= kPersonBefore ? i - kPersonBefore : 0;
    if (i > 0 && InReach(People(), words, before, i - before - 1)) return true;
    const std::size_t end = std::min(words.size(), i + 1 + kHandingReach + 1);  // as InReach
    for (std::size_t j = i + 1; j < end; ++j) {
      if (In(NamedPeople(), words[j])) return true;
      if (In(People(), words[j]) && (instruction || EndsOn(words, j))) return true;
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

DirectiveKind ClassifyDirective(std::string_view sentence, bool under_assistant_heading) {
  const std::vector<std::string> words = text::Words(sentence);
  const std::vector<Clause> clauses = SplitClauses(text::Tokenize(sentence));
  // An instruction in any clause: "Shipping is 5 USD; never promise a date", "Important: …".
  bool imperative = false;
  bool rule = false;
  for (const Clause& clause : clauses) {
    const auto opening = AfterLeadIns(clause.words);
    if (opening.empty()) continue;
    imperative = imperative || In(HandingVerbs(), opening.front());
    rule = rule || IsRule(opening) ||
           (under_assistant_heading &&
            (In(Imperatives(), opening.front()) || In(DealingVerbs(), opening.front())));
  }
  if (HandsToPeople(words, imperative || under_assistant_heading)) {
    return DirectiveKind::kReservesTopic;
  }
  return rule || IsRule(words) ? DirectiveKind::kRule : DirectiveKind::kNone;
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
