#include "brain/llm/guards.h"

#include <algorithm>
#include <set>

#include "brain/local/language.h"
#include "text/fold.h"
#include "text/tokenizer.h"

namespace brain::llm {
namespace {

// Folded phrases, matched on word boundaries.
constexpr std::string_view kPromises[] = {
    // en
    "i will call", "i'll call", "ill call", "i will send", "i'll send", "ill send", "i will email",
    "i'll email", "i will get back", "i'll get back", "ill get back", "we will contact you",
    "we'll contact you", "we will call you", "we'll call you", "i will let you know",
    "i'll let you know", "i will check and", "i'll check and", "i will reserve", "i'll reserve",
    "i will book", "i'll book", "i will remind", "i'll remind", "i will follow up",
    "i'll follow up", "we will send you", "we'll send you",
    // es
    "te llamare", "le llamare", "te enviare", "le enviare", "te escribire", "le escribire",
    "te avisare", "le avisare", "te contactaremos", "le contactaremos", "te reservo",
    "te lo reservo", "me pondre en contacto", "te confirmo luego", "te mando",
    // pt
    "vou te ligar", "vou ligar", "te ligo", "vou te enviar", "vou enviar", "vou te mandar",
    "te mando", "vou te avisar", "te aviso", "entraremos em contato", "vou reservar",
    "vou verificar e te", "retorno para voce", "te retorno"};
constexpr std::string_view kProseHandoffs[] = {
    // en
    "transfer you", "transferring you", "connect you with", "connecting you with", "connect you to",
    "connecting you to", "put you through", "pass you to", "passing you to", "hand you over",
    "handing you over", "a human agent will", "a person will take", "someone from our team will",
    "a colleague will", "escalate this to",
    // es
    "te transfiero", "le transfiero", "transferirte", "te paso con", "le paso con",
    "te comunico con", "te conecto con", "un agente te", "una persona te atendera", "un asesor te",
    "alguien del equipo te",
    // pt
    "vou te transferir", "vou transferir", "te transfiro", "transferindo voce",
    "vou te passar para", "te passo para", "um atendente vai", "uma pessoa vai te",
    "alguem da equipe vai"};

// `number` (digits with '.' or ',' between them) as a canonical value.
std::string Canonical(std::string number) {
  const std::size_t last_dot = number.rfind('.');
  const std::size_t last_comma = number.rfind(',');
  std::size_t decimal = std::string::npos;
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    decimal = std::max(last_dot, last_comma);
  } else if (const std::size_t sep = std::min(last_dot, last_comma); sep != std::string::npos) {
    // One kind of separator: a decimal when it occurs once and not before exactly three digits
    // ("19.90", "199,9"); thousands otherwise ("1,000", "1.299.000").
    const char c = number[sep];
    const bool once = number.find(c) == sep;
    if (once && number.size() - sep - 1 != 3) decimal = sep;
  }
  std::string whole, fraction;
  for (std::size_t i = 0; i < number.size(); ++i) {
    if (number[i] == '.' || number[i] == ',') continue;
    (decimal != std::string::npos && i > decimal ? fraction : whole) += number[i];
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? whole : whole + "." + fraction;
}

// Whether `phrase` occurs in `folded` between word boundaries.
bool HasPhrase(const std::string& folded, std::string_view phrase) {
  for (std::size_t at = folded.find(phrase); at != std::string::npos;
       at = folded.find(phrase, at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(folded[at - 1]));
    const std::size_t end = at + phrase.size();
    const bool ends =
        end == folded.size() || !std::isalnum(static_cast<unsigned char>(folded[end]));
    if (starts && ends) return true;
  }
  return false;
}

template <std::size_t N>
bool HasAny(const std::string& folded, const std::string_view (&phrases)[N]) {
  return std::any_of(std::begin(phrases), std::end(phrases),
                     [&](std::string_view p) { return HasPhrase(folded, p); });
}

// Whether `reply` holds kRuleQuoteWords words of a rule in a row (all of a shorter rule).
bool QuotesARule(std::string_view reply, const std::vector<std::string>& rules) {
  const std::vector<std::string> said = text::Words(reply);
  for (const std::string& rule : rules) {
    const std::vector<std::string> words = text::Words(rule);
    const std::size_t run = std::min(words.size(), kRuleQuoteWords);
    if (run == 0) continue;
    for (std::size_t from = 0; from + run <= words.size(); ++from) {
      const auto first = words.begin() + static_cast<std::ptrdiff_t>(from);
      if (std::search(said.begin(), said.end(), first, first + static_cast<std::ptrdiff_t>(run)) !=
          said.end()) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string_view ToString(GuardProblem problem) {
  switch (problem) {
    case GuardProblem::kInventedNumber:
      return "invented_number";
    case GuardProblem::kUnknownProduct:
      return "unknown_product";
    case GuardProblem::kAnswerNotAsked:
      return "answer_not_asked";
    case GuardProblem::kAnswerNotWritten:
      return "answer_not_written";
    case GuardProblem::kWrongLanguage:
      return "wrong_language";
    case GuardProblem::kTooLong:
      return "too_long";
    case GuardProblem::kPromise:
      return "promise";
    case GuardProblem::kQuotesRule:
      return "quotes_rule";
    case GuardProblem::kHandoffInProse:
      return "handoff_in_prose";
  }
  return "invented_number";
}

std::vector<std::string> NumbersIn(std::string_view utf8) {
  std::vector<std::string> numbers;
  for (const text::Token& t : text::Tokenize(utf8)) {
    if (t.kind == text::TokenKind::kNumber) {
      numbers.push_back(Canonical(t.text));
    } else if (t.kind == text::TokenKind::kWord) {
      // Digits inside a word count too: a code ("save50") or a model ("x200") is a claim.
      for (std::size_t i = 0; i < t.text.size();) {
        const std::size_t start = t.text.find_first_of("0123456789", i);
        if (start == std::string::npos) break;
        const std::size_t end =
            std::min(t.text.find_first_not_of("0123456789", start), t.text.size());
        numbers.push_back(Canonical(t.text.substr(start, end - start)));
        i = end;
      }
    }
  }
  return numbers;
}

std::vector<GuardProblem> CheckProposal(const core::Proposal& proposal,
                                        const GuardContext& context) {
  std::vector<GuardProblem> problems;
  const std::string reply = text::Fold(proposal.reply);

  const std::vector<std::string> grounded = NumbersIn(context.data);
  const std::set<std::string> known(grounded.begin(), grounded.end());
  const auto is_known = [&](const std::string& n) {
    return known.contains(n) || (context.also_grounded != nullptr &&
                                 std::ranges::binary_search(*context.also_grounded, n));
  };
  for (const std::string& n : NumbersIn(proposal.reply)) {
    if (!is_known(n)) {
      problems.push_back(GuardProblem::kInventedNumber);
      break;
    }
  }

  std::set<std::string> products;
  for (const std::string& name : context.product_names) products.insert(text::Fold(name));
  for (const std::string& cited : proposal.cited_products) {
    if (!products.contains(text::Fold(cited))) {
      problems.push_back(GuardProblem::kUnknownProduct);
      break;
    }
  }

  if (proposal.answer) {
    const auto& question = context.answerable;
    if (!question || question->index != proposal.answer->question_index) {
      problems.push_back(GuardProblem::kAnswerNotAsked);
    } else {
      std::set<std::string> written;
      for (const std::string& m : context.customer_messages) {
        for (std::string& w : text::Words(m)) written.insert(std::move(w));
      }
      const std::vector<std::string> answer = text::Words(proposal.answer->answer);
      if (answer.empty() || !std::all_of(answer.begin(), answer.end(), [&](const std::string& w) {
            return written.contains(w);
          })) {
        problems.push_back(GuardProblem::kAnswerNotWritten);
      }
    }
  }

  if (!proposal.reply.empty()) {
    // The customer's language is the fallback: a reply with no cue either way passes.
    if (proposal.language != context.language ||
        DetectLanguage(proposal.reply, context.language) != context.language) {
      problems.push_back(GuardProblem::kWrongLanguage);
    }
  }
  if (proposal.reply.size() > context.max_reply_bytes) problems.push_back(GuardProblem::kTooLong);
  if (HasAny(reply, kPromises)) problems.push_back(GuardProblem::kPromise);
  if (!proposal.handoff && HasAny(reply, kProseHandoffs)) {
    problems.push_back(GuardProblem::kHandoffInProse);
  }
  if (QuotesARule(proposal.reply, context.rules)) problems.push_back(GuardProblem::kQuotesRule);
  return problems;
}

}  // namespace brain::llm
