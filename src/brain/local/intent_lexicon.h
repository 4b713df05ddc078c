// Internal to brain/local: the vocabulary of the handoff rules (see intent.h), folded (lower
// case, no accents), English, Spanish and Portuguese together.
#pragma once

#include "brain/local/clause.h"

namespace brain {

struct IntentLexicon {
  // Talking to someone.
  WordSet contact_verbs;   // take a person or a place after a preposition: "talk to", "hablar con"
  WordSet progressive;     // "talking": after a form of "be" it describes, not asks
  WordSet be_verbs;        // "am I talking to a person?"
  WordSet direct_contact;  // take the person directly: "contact a human", "reach someone"
  WordSet person_verbs;    // take a person, never a place: "deal with a person"
  WordSet contact_preps;   // "to", "with", "con", "com"
  WordSet topic_preps;     // "talk about X" is no request: "about", "de", "sobre"
  WordSet served_by;       // "que me atienda una persona", "ser atendido por um humano"
  WordSet agent_preps;     // "by", "por"
  WordSet modals;          // "can a human help me?"

  // Being moved to someone.
  WordSet route_verbs;   // any destination counts: "transfer me to the spa"
  WordSet clitic_route;  // the same with "me" attached: "páseme", "transfiérame"
  WordSet put_verbs;     // need a person or "through"/"with": "get me a human", "put me through"
  WordSet clitic_put;    // "póngame", "ponme"
  WordSet me;            // "me", "us"
  WordSet me_governors;  // "let me pass" is not "me pasas"
  WordSet through;       // "put me through (to)"
  WordSet route_preps;   // "to", "con", "a", "para"...
  WordSet open_preps;    // after which a put verb accepts a place: "with", "con", "com"
  WordSet objects;       // "escalate this to a manager"
  WordSet self_routes;   // a request on their own: "escalate"

  // Wanting someone.
  WordSet want_verbs;  // "I want a human", "quiero un agente", "call the manager"
  WordSet want_skips;  // "need help from a person", "preciso de um atendente"

  // Who the target is.
  WordSet strong_person;     // a person on their own: "human", "agent", "gerente", "atendente"
  WordSet weak_person;       // needs a verb or a modifier: "someone", "persona", "pessoa"
  WordSet group_nouns;       // "the spa team", "el departamento"
  WordSet customer;          // "customer service", "atención al cliente"
  WordSet service;           // "service", "servicio", "atendimento"
  WordSet person_modifiers;  // "real", "another", "else", "otra", "de verdad", "mais"
  WordSet fillers;           // articles, possessives of the business, "directly", "now"
  WordSet excluded_targets;  // the assistant, machines, the customer's own people, pronouns

  // Negation.
  WordSet negations;             // "not", "no", "never", "sin", "não", "sem"...
  WordSet invertible_negations;  // "can't I talk to someone?" is a request
  WordSet inverted_subjects;     // "I", "you" after such a negation
  WordSet after_answer_no;       // "no, let me talk to someone": "no" answers, it does not negate
  WordSet question_modals;       // "¿no me puedes pasar con alguien?" is a request
  WordSet clitics;               // skipped between "no" and the modal
  WordSet scope_breakers;        // end a negation's reach: "but", "please", "pero", "mas"...
  WordSet politeness;            // ignored in a bare role: "human please", "atendente por favor"

  // Calls: "call me back", "llámame", "me liga".
  WordSet call_tail;      // what may follow "call me": "back", "please", a time
  WordSet call_words;     // "call", "phone", "ring"
  WordSet clitic_call;    // "llámame", "callback"
  WordSet call_after_me;  // "me llamen", "me pueden llamar", "me liga"
  WordSet call_to_me;     // "liga pra mim"

  // Rejecting the bot: "I don't feel comfortable with a machine", "stop talking to bots".
  WordSet machines;
  WordSet rejections;
  WordSet want_for_rejection;  // "don't want" + a machine
};

// The one lexicon, built on first use and only read afterwards: safe to share between threads.
const IntentLexicon& Lexicon();

}  // namespace brain
