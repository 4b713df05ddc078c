// A conversation: one contact on one channel account, with its control lease and workflow state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/contact.h"
#include "core/enums.h"
#include "core/message.h"

namespace core {

// Who answers, and until when. Every human signal sets mode = kManual,
// resume_at = max(resume_at, event time + pause), epoch += 1; Return to AI sets mode = kAi,
// epoch += 1. resume_at is nullopt in AI mode and when the pause never runs out.
struct ControlLease {
  Mode mode = Mode::kAi;
  std::optional<base::TimePoint> resume_at;
  std::int64_t epoch = 0;
  bool operator==(const ControlLease&) const = default;
};

// A handoff the AI will make once the customer has said how the team can reach them (see
// AgentConfig::ask_contact_details): it asked, and hands off at their next message or when the
// wait runs out.
struct PendingHandoff {
  HandoffReason reason = HandoffReason::kCustomerRequest;
  std::string detail;
  bool operator==(const PendingHandoff&) const = default;
};

struct Conversation {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::int64_t contact_id = 0;
  Channel channel = Channel::kWeb;
  std::string account_id;  // the workspace's channel account it runs on ("" for web chat)
  Folder folder = Folder::kOpen;
  ControlLease lease;

  // Workflow progress.
  bool greeted = false;                 // the greeting went out
  std::optional<Language> language;     // the customer's language, once detected
  std::optional<int> pending_question;  // qualification question awaiting an answer
  int unanswered_streak = 0;            // AI replies in a row that could not answer
  std::optional<PendingHandoff> pending_handoff;

  // Optimistic concurrency: the store bumps it on every commit.
  std::int64_t version = 0;
};

// What Decide needs to know about a conversation.
struct ConversationSnapshot {
  Conversation conversation;
  Contact contact;
  std::vector<Message> history;  // the most recent messages, oldest first
};

}  // namespace core
