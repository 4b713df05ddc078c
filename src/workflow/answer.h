// Reading a customer's answer to a qualification question by the question's type: checked,
// normalised, or recognised as a skip. Pure; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/agent_config.h"

namespace workflow {

struct AnswerReading {
  enum class Kind {
    kValue,    // `value` is the answer, normalised for the type
    kSkipped,  // the customer declined an optional question ("skip", "prefer not to say")
    kInvalid,  // no value of the question's type in it: not stored, the question is asked again
  };
  Kind kind = Kind::kInvalid;
  std::string value;
};

// Reads `answer` (what the customer wrote for `question`, in `language`, on `today`) by the
// question's type:
//   text    the trimmed answer;
//   email   text::FindEmail;   phone  text::FindPhone;
//   number  text::FindNumber;  amount text::FindAmount;  date   text::FindDate;
//   choice  the one configured choice the answer names (all its words, or a number 1..n, or
//           failing that the only choice sharing a word with it), as configured.
// An optional question is skipped by a message that only declines or does not know ("skip", "no",
// "prefer not to say", "no idea", "paso", "prefiero no decir", "pular", "não sei").
AnswerReading ReadAnswer(const core::Question& question, std::string_view answer,
                         core::Language language, std::chrono::year_month_day today);

// The value of `question`'s type that a message written before the question was asked states,
// if it states one unambiguously: an email, a phone number, an amount with its currency, a date
// or a choice named by all its words. Free text and bare numbers are never taken this way (which
// of the customer's words answer "What do you need?" is not for the workflow to guess).
std::optional<std::string> StatedAnswer(const core::Question& question, std::string_view message,
                                        core::Language language, std::chrono::year_month_day today);

// The new answer in a message that takes back the answer just given, without the words that say
// so: "sorry, I meant citizenship" -> "citizenship"; "correction: a contract" -> "a contract";
// "quis dizer cidadania" -> "cidadania". Only openings that cannot answer a question count ("no,
// it's…" may well answer the one asked now). nullopt when the message does not open as a
// correction, or holds nothing after it.
std::optional<std::string> Correction(std::string_view message);

}  // namespace workflow
