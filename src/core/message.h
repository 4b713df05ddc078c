// A message of a conversation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/time.h"
#include "core/enums.h"

namespace core {

// How a language model made an AI message, kept with the message (the conversation's timeline):
// the model's id, the tokens of the turn's requests, the turn's wall time, the requests sent, and
// when the model could not answer, why the fallback (the local brain) answered instead.
struct ModelRecord {
  std::string model;
  int prompt_tokens = 0;
  int completion_tokens = 0;
  base::Duration latency{};
  int attempts = 0;
  std::string fallback;  // "" when the model answered; else its reason ("bad_key", "deadline"...)
  bool operator==(const ModelRecord&) const = default;
};

struct Message {
  std::int64_t id = 0;  // assigned by the store; 0 until stored
  std::int64_t conversation_id = 0;
  Author author = Author::kCustomer;
  std::string text;
  base::TimePoint at;
  // The control epoch the message was decided under. An AI message whose epoch is older than the
  // conversation's is stale and must never be sent.
  std::int64_t epoch = 0;
  // The channel's id of the message (wamid, mid) once known: inbound messages carry it from the
  // webhook, our sends get it when the provider accepts them. Unique in a workspace.
  std::string provider_message_id;
  DeliveryStatus delivery = DeliveryStatus::kNone;
  std::string delivery_error;  // the provider's code and text when delivery failed
  // Customer messages: kNone for words; otherwise what the customer sent instead, which `text`
  // only summarizes ("[image]") and the AI cannot read.
  Attachment attachment = Attachment::kNone;
  // The CRM user (email) who wrote a human_crm message; "" for every other author.
  std::string user;
  // AI messages a model took part in (the llm brain); nullopt for every other.
  std::optional<ModelRecord> model;
};

}  // namespace core
