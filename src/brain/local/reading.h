// What the local brain reads in a customer message, without any business knowledge. Used by the
// local brain and by `frontdesk nlu`.
#pragma once

#include <optional>
#include <string_view>

#include "brain/local/knowledge.h"
#include "core/enums.h"

namespace brain {

struct Reading {
  core::Language language = core::Language::kEn;
  bool handoff = false;      // the customer asks for a person or a department (see intent.h)
  bool frustration = false;  // the customer is upset (see frustration.h)
  bool operator==(const Reading&) const = default;
};

// Reads `text`: its language (`fallback` when the cues do not decide), whether it asks for a
// person (a bare role such as "manager" counts) and whether it sounds frustrated. Never fails;
// thread-safe; deterministic.
Reading Analyze(std::string_view text, core::Language fallback = core::Language::kEn);

// What `knowledge` would answer `text` from, searched as the local brain searches it (the words
// not about talking to a person, stemmed in the message's language, `fallback` when its cues do
// not decide): nullopt when nothing covers the question. For scoring retrieval on outside data.
std::optional<Found> Retrieve(const Knowledge& knowledge, std::string_view text,
                              core::Language fallback = core::Language::kEn);

}  // namespace brain
