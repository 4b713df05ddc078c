#include "brain/local/frustration.h"

#include <array>
#include <string>
#include <vector>

namespace brain {
namespace {

using Words = std::span<const std::string>;

constexpr std::size_t kMinMarkRun = 3;       // "???", "!!!"
constexpr int kMaxRunSigns = 2;              // two runs are enough on their own
constexpr std::size_t kMinShoutLetters = 8;  // "WHERE IS MY ORDER"
constexpr double kShoutUpperShare = 0.8;
constexpr int kSignsForFrustration = 2;
constexpr std::size_t kSubjectWindow = 3;  // "this conversation is not working"

const WordSet& CueWords() {
  static const WordSet words = {
      "useless",       "ridiculous",   "frustrating",   "frustrated",    "frustration",
      "annoying",      "annoyed",      "pathetic",      "unacceptable",  "outrageous",
      "furious",       "angry",        "pissed",        "wtf",           "ffs",
      "incompetent",   "nonsense",     "stupid",        "idiot",         "idiots",
      "unbelievable",  "disappointed", "disappointing", "decepcionado",  "decepcionada",
      "decepcionante", "worst",        "inutil",        "inutiles",      "ridiculo",
      "ridicula",      "absurdo",      "absurda",       "frustrante",    "frustrado",
      "frustrada",     "harto",        "harta",         "hartos",        "pesimo",
      "pesima",        "inaceptable",  "indignante",    "indignado",     "indignada",
      "furioso",       "furiosa",      "enojado",       "enojada",       "enfadado",
      "enfadada",      "cabreado",     "cabreada",      "estupido",      "estupida",
      "idiota",        "idiotas",      "incompetente",  "incompetentes", "verguenza",
      "porqueria",     "mierda",       "farto",         "farta",         "pessimo",
      "pessima",       "inaceitavel",  "revoltante",    "revoltado",     "revoltada",
      "irritado",      "irritada",     "chateado",      "chateada",      "palhacada",
      "vergonha",      "merda",        "porcaria",      "absurda"};
  return words;
}

// Phrases of two or more words, matched in order within a clause.
const std::vector<std::vector<std::string_view>>& Phrases() {
  static const std::vector<std::vector<std::string_view>> phrases = {
      {"not", "helping"},
      {"not", "helpful"},
      {"no", "help"},
      {"doesnt", "help"},
      {"you", "dont", "understand"},
      {"you", "dont", "get", "it"},
      {"waste", "of", "time"},
      {"wasting", "my", "time"},
      {"fed", "up"},
      {"sick", "of"},
      {"tired", "of"},
      {"had", "enough"},
      {"going", "nowhere"},
      {"not", "leading", "anywhere"},
      {"leading", "nowhere"},
      {"are", "you", "kidding"},
      {"are", "you", "serious"},
      {"terrible", "service"},
      {"awful", "service"},
      {"horrible", "service"},
      {"servicio", "horrible"},
      {"servicio", "terrible"},
      {"atendimento", "horrivel"},
      {"atendimento", "terrivel"},
      {"what", "the", "hell"},
      {"not", "listening"},
      {"a", "joke"},
      {"una", "broma"},
      {"uma", "piada"},
      {"no", "sirves"},
      {"no", "sirve", "para", "nada"},
      {"no", "sirve", "de", "nada"},
      {"no", "me", "ayudas"},
      {"no", "me", "estas", "ayudando"},
      {"no", "ayudas"},
      {"no", "me", "entiendes"},
      {"no", "entiendes"},
      {"perdida", "de", "tiempo"},
      {"perdiendo", "el", "tiempo"},
      {"perdiendo", "mi", "tiempo"},
      {"perder", "el", "tiempo"},
      {"ya", "basta"},
      {"a", "ninguna", "parte"},
      {"cansado", "de"},
      {"cansada", "de"},
      {"nao", "serve"},
      {"nao", "ajuda"},
      {"nao", "esta", "ajudando"},
      {"nao", "me", "ajuda"},
      {"nao", "entende"},
      {"perda", "de", "tempo"},
      {"perdendo", "tempo"},
      {"perdendo", "meu", "tempo"},
      {"ja", "chega"},
      {"lugar", "nenhum"}};
  return phrases;
}

// "this conversation is not working", "esto no funciona": about the chat itself, not a product.
const WordSet& ChatSubjects() {
  static const WordSet subjects = {"this", "conversation", "chat", "bot",  "you",
                                   "esto", "conversacion", "voce", "isso", "conversa"};
  return subjects;
}
const std::vector<std::vector<std::string_view>>& NotWorking() {
  static const std::vector<std::vector<std::string_view>> phrases = {
      {"not", "working"},           {"doesnt", "work"},  {"isnt", "working"},
      {"no", "funciona"},           {"nao", "funciona"}, {"nao", "esta", "funcionando"},
      {"no", "esta", "funcionando"}};
  return phrases;
}

bool StartsWith(Words w, std::size_t at, std::span<const std::string_view> phrase) {
  if (at + phrase.size() > w.size()) return false;
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    if (w[at + k] != phrase[k]) return false;
  }
  return true;
}

bool HasCue(Words w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (In(CueWords(), w[i]) && !(i > 0 && (w[i - 1] == "not" || w[i - 1] == "no"))) return true;
    for (const auto& phrase : Phrases()) {
      if (StartsWith(w, i, phrase)) return true;
    }
    for (const auto& phrase : NotWorking()) {
      if (!StartsWith(w, i, phrase)) continue;
      for (std::size_t k = i; k-- > 0 && i - k <= kSubjectWindow;) {
        if (In(ChatSubjects(), w[k])) return true;
      }
    }
  }
  return false;
}

// Runs of three or more '!' or '?' (mixed counts too: "?!?").
int MarkRuns(std::string_view utf8) {
  int runs = 0;
  std::size_t run = 0;
  for (char c : utf8) {
    if (c == '!' || c == '?') {
      if (++run == kMinMarkRun) ++runs;
    } else {
      run = 0;
    }
  }
  return runs < kMaxRunSigns ? runs : kMaxRunSigns;
}

// Mostly capital letters over a stretch of text: shouting.
bool Shouting(std::string_view utf8) {
  std::size_t letters = 0;
  std::size_t upper = 0;
  for (char c : utf8) {
    if (c >= 'a' && c <= 'z') ++letters;
    if (c >= 'A' && c <= 'Z') ++letters, ++upper;
  }
  return letters >= kMinShoutLetters &&
         static_cast<double>(upper) >= kShoutUpperShare * static_cast<double>(letters);
}

}  // namespace

bool IsFrustrated(std::string_view utf8, std::span<const Clause> clauses) {
  for (const Clause& clause : clauses) {
    if (HasCue(clause.words)) return true;
  }
  const int signs = MarkRuns(utf8) + (Shouting(utf8) ? 1 : 0);
  return signs >= kSignsForFrustration;
}

}  // namespace brain
