#include "brain/local/intent.h"

#include <algorithm>
#include <string>
#include <vector>

#include "brain/local/intent_lexicon.h"

namespace brain {
namespace {

using Words = std::span<const std::string>;

constexpr std::size_t kPrepWindow = 3;      // "speak directly with": the preposition's reach
constexpr std::size_t kTargetWindow = 4;    // "to a real human agent": the noun's reach
constexpr std::size_t kNegationWindow = 5;  // "I don't really want to talk to": negation's reach
constexpr std::size_t kCliticWindow = 2;    // "me puedes pasar": "me" before the verb
constexpr std::size_t kBeWindow = 2;        // "am I talking to a person?" is no request
constexpr std::size_t kMaxBareWords = 2;    // "spa team", "human agent"

enum class Target { kNone, kExcluded, kOther, kWeak, kPerson };

bool ModifiedAfter(Words w, std::size_t at) {
  const IntentLexicon& lex = Lexicon();
  if (InAt(lex.person_modifiers, w, at)) return true;
  return at < w.size() && w[at] == "de" && InAt(lex.person_modifiers, w, at + 1);
}

// "customer service", "atención al cliente", "atendimento ao cliente".
bool IsCustomerService(Words w, std::size_t at) {
  const IntentLexicon& lex = Lexicon();
  if (In(lex.customer, w[at])) return InAt(lex.service, w, at + 1);
  if (!In(lex.service, w[at])) return false;
  std::size_t next = at + 1;
  if (InAt(lex.fillers, w, next)) ++next;  // "al", "ao", "de"
  return InAt(lex.customer, w, next);
}

// Who or what the words from `from` on name: a person ("a real person", "someone else"), a weak
// person ("someone"), something else ("the spa"), an excluded target ("you", "a bot") or nothing.
Target FindTarget(Words w, std::size_t from) {
  const IntentLexicon& lex = Lexicon();
  bool modified = false;
  for (std::size_t j = from; j < w.size() && j < from + kTargetWindow; ++j) {
    const std::string& t = w[j];
    if (In(lex.excluded_targets, t)) return Target::kExcluded;
    if (In(lex.strong_person, t)) return Target::kPerson;
    if (In(lex.person_modifiers, t)) {
      modified = true;
      continue;
    }
    if (In(lex.fillers, t)) continue;
    if (In(lex.weak_person, t)) {
      return modified || ModifiedAfter(w, j + 1) ? Target::kPerson : Target::kWeak;
    }
    return IsCustomerService(w, j) ? Target::kPerson : Target::kOther;
  }
  return Target::kNone;
}

bool HasPersonBefore(Words w, std::size_t at) {
  const IntentLexicon& lex = Lexicon();
  for (std::size_t k = 0; k < at; ++k) {
    if (In(lex.strong_person, w[k]) || In(lex.weak_person, w[k])) return true;
  }
  return false;
}

bool PrecededBy(const WordSet& set, Words w, std::size_t at, std::size_t window) {
  for (std::size_t k = at; k-- > 0 && at - k <= window;) {
    if (In(set, w[k])) return true;
  }
  return false;
}

// "me pasas con", "me puedes pasar" (not "let me pass").
bool MeBefore(Words w, std::size_t at) {
  const IntentLexicon& lex = Lexicon();
  for (std::size_t k = at; k-- > 0 && at - k <= kCliticWindow;) {
    if (In(lex.me, w[k])) return k == 0 || !In(lex.me_governors, w[k - 1]);
  }
  return false;
}

// "talk to a person", "hablar con alguien", "speak with reception", "a person I can talk to?"
bool ContactRequest(Words w, std::size_t i) {
  const IntentLexicon& lex = Lexicon();
  if (In(lex.direct_contact, w[i])) {  // "contact a human", "contactar con un asesor"
    const Target t = FindTarget(w, InAt(lex.contact_preps, w, i + 1) ? i + 2 : i + 1);
    return t == Target::kPerson || t == Target::kWeak;
  }
  if (In(lex.served_by, w[i])) {  // "que me atienda una persona", "atendido por um humano"
    const Target t = FindTarget(w, InAt(lex.agent_preps, w, i + 1) ? i + 2 : i + 1);
    return t == Target::kPerson || t == Target::kWeak;
  }
  const bool person_only = In(lex.person_verbs, w[i]);
  if (!person_only && !In(lex.contact_verbs, w[i])) return false;
  if (In(lex.progressive, w[i]) && PrecededBy(lex.be_verbs, w, i, kBeWindow)) return false;
  for (std::size_t j = i + 1; j < w.size() && j <= i + kPrepWindow; ++j) {
    if (In(lex.topic_preps, w[j])) return false;
    if (!In(lex.contact_preps, w[j])) continue;
    const Target t = FindTarget(w, j + 1);
    if (t == Target::kNone) return !person_only && HasPersonBefore(w, i);
    return t == Target::kPerson || t == Target::kWeak || (!person_only && t == Target::kOther);
  }
  // "¿Hay alguien con quien pueda hablar?": the preposition came first.
  return !person_only && PrecededBy(lex.contact_preps, w, i, kPrepWindow) && HasPersonBefore(w, i);
}

// "transfer me to the spa", "put me through", "get me a human", "páseme con", "me passa para".
bool RouteRequest(Words w, std::size_t i) {
  const IntentLexicon& lex = Lexicon();
  const bool clitic = In(lex.clitic_route, w[i]) || In(lex.clitic_put, w[i]);
  const bool route = In(lex.route_verbs, w[i]) || In(lex.clitic_route, w[i]);
  if (!route && !In(lex.put_verbs, w[i]) && !clitic) return false;
  std::size_t next = i + 1;
  bool me = clitic || MeBefore(w, i);
  if (!me && InAt(lex.me, w, next)) me = true, ++next;
  if (!me) {  // "get someone else on the line", "escalate this to a manager", "escalate"
    if (InAt(lex.objects, w, next)) ++next;
    if (In(lex.self_routes, w[i]) && (next == w.size() || InAt(lex.politeness, w, next))) {
      return true;
    }
    if (InAt(lex.route_preps, w, next)) ++next;
    return FindTarget(w, next) == Target::kPerson;
  }
  bool through = false;
  if (InAt(lex.through, w, next)) {
    if (++next == w.size()) return true;  // "put me through"
    through = true;
  }
  if (InAt(lex.route_preps, w, next)) {
    const bool any_target = route || through || In(lex.open_preps, w[next]);
    const Target t = FindTarget(w, next + 1);
    return t == Target::kPerson || t == Target::kWeak || (any_target && t == Target::kOther);
  }
  const Target t = FindTarget(w, next);
  return t == Target::kPerson || t == Target::kWeak;
}

// "can a human help me?", "could someone else look at this?", "¿puede un agente ayudarme?"
bool SubjectRequest(Words w, std::size_t i) {
  const IntentLexicon& lex = Lexicon();
  return In(lex.modals, w[i]) && FindTarget(w, i + 1) == Target::kPerson;
}

// "I want a human", "quiero un agente", "preciso de um atendente", "no need for a human".
bool WantRequest(Words w, std::size_t i) {
  const IntentLexicon& lex = Lexicon();
  if (!In(lex.want_verbs, w[i])) return false;
  // "can I have a human?", not "I have an agent already".
  if (w[i] == "have" && !(i >= 2 && In(lex.modals, w[i - 2]))) return false;
  std::size_t next = i + 1;
  while (InAt(lex.want_skips, w, next)) ++next;
  return FindTarget(w, next) == Target::kPerson;
}

// "call me back", "give me a call", "llámame", "me pueden llamar", "liga pra mim".
bool CallRequest(Words w, std::size_t i) {
  const IntentLexicon& lex = Lexicon();
  const std::string& t = w[i];
  if (In(lex.clitic_call, t)) return true;
  if (In(lex.call_words, t) && InAt(lex.me, w, i + 1)) {
    const std::size_t tail = i + 2;
    return tail == w.size() || In(lex.call_tail, w[tail]) ||
           (w[tail][0] >= '0' && w[tail][0] <= '9');
  }
  if (t == "give" && InAt(lex.me, w, i + 1)) {  // "give me a call"
    return InAt(lex.call_words, w, i + 2) || InAt(lex.call_words, w, i + 3);
  }
  if (t == "me") {  // "me pueden llamar", "me liga"
    for (std::size_t j = i + 1; j < w.size() && j <= i + kCliticWindow; ++j) {
      if (In(lex.call_after_me, w[j])) return true;
    }
  }
  // "liga pra mim", "ligue para mim"
  return In(lex.call_to_me, t) && i + 2 < w.size() && (w[i + 1] == "pra" || w[i + 1] == "para") &&
         w[i + 2] == "mim";
}

bool Negated(const Clause& clause, std::size_t at) {
  const IntentLexicon& lex = Lexicon();
  Words w = clause.words;
  const std::size_t from = at > kNegationWindow ? at - kNegationWindow : 0;
  for (std::size_t k = at; k-- > from;) {
    const std::string& t = w[k];
    if (In(lex.scope_breakers, t)) return false;
    if (!In(lex.negations, t)) continue;
    if (In(lex.invertible_negations, t) && InAt(lex.inverted_subjects, w, k + 1)) continue;
    const bool plain_no = t == "no" || t == "nao";
    if (plain_no && InAt(lex.after_answer_no, w, k + 1)) continue;
    if (plain_no && clause.question) {
      std::size_t m = k + 1;
      while (InAt(lex.clitics, w, m)) ++m;
      if (InAt(lex.question_modals, w, m)) continue;
    }
    return true;
  }
  return false;
}

// "I don't feel comfortable with a machine", "stop talking to bots", "no quiero un robot".
bool RejectsMachine(Words w) {
  const IntentLexicon& lex = Lexicon();
  bool machine = false;
  bool rejection = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    machine = machine || In(lex.machines, w[i]);
    rejection = rejection || In(lex.rejections, w[i]) ||
                (In(lex.negations, w[i]) && InAt(lex.want_for_rejection, w, i + 1));
  }
  return machine && rejection;
}

// "human please", "spa team", "a real person", "recepción": the clause is only a role.
bool IsBareRole(Words w) {
  const IntentLexicon& lex = Lexicon();
  std::size_t content = 0;
  std::size_t first = w.size();
  std::size_t last = w.size();
  bool modified = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (In(lex.person_modifiers, w[i])) {
      modified = true;
      continue;
    }
    if (In(lex.fillers, w[i]) || In(lex.politeness, w[i])) continue;
    ++content;
    if (first == w.size()) first = i;
    last = i;
  }
  if (content == 0 || content > kMaxBareWords) return false;
  if (In(lex.strong_person, w[last]) || In(lex.group_nouns, w[last])) return true;
  if (content == 1 && modified && In(lex.weak_person, w[last])) return true;
  return IsCustomerService(w, first);  // "customer service please", "atención al cliente"
}

}  // namespace

HandoffCue DetectHandoff(std::span<const Clause> clauses) {
  bool bare = false;
  for (const Clause& clause : clauses) {
    Words w = clause.words;
    if (RejectsMachine(w)) return HandoffCue::kRequest;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const bool match = ContactRequest(w, i) || RouteRequest(w, i) || WantRequest(w, i) ||
                         CallRequest(w, i) || SubjectRequest(w, i);
      if (match && !Negated(clause, i)) return HandoffCue::kRequest;
    }
    bare = bare || IsBareRole(w);
  }
  return bare ? HandoffCue::kBareRole : HandoffCue::kNone;
}

std::vector<std::string> TopicWords(std::span<const Clause> clauses) {
  const IntentLexicon& lexicon = Lexicon();
  std::vector<Clause> topical;
  for (const Clause& clause : clauses) {
    const bool about_a_person =
        std::any_of(clause.words.begin(), clause.words.end(), [&](const std::string& w) {
          return In(lexicon.strong_person, w) || In(lexicon.weak_person, w);
        });
    if (!about_a_person) topical.push_back(clause);
  }
  return AllWords(topical.empty() ? clauses : std::span<const Clause>(topical));
}

}  // namespace brain
