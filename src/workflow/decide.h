// The conversation engine: pure decision logic, no I/O.
//
// Decide turns one event on a conversation into a Decision (new state, messages, lead answers,
// notifications, timers, audit events) that the store applies in one transaction. It runs the
// greeting, both service workflows (handoff_to_human, qualify_and_transfer), the control lease
// with its sliding pause, the automatic resume and the debounce of bursts. The brain proposes;
// Decide validates and decides.
#pragma once

#include "base/time.h"
#include "core/agent_config.h"
#include "core/brain.h"
#include "core/conversation.h"
#include "core/decision.h"
#include "core/event.h"

namespace workflow {

// How many recent messages a notification quotes.
constexpr std::size_t kNotificationMessages = 6;

// REQUIRES: `config` is the published configuration of the conversation's workspace (it passed
// core::ValidateForPublish); `snapshot.history` holds the recent messages, oldest first.
// The result's conversation keeps snapshot.conversation.version: the store compares it.
// Thread-safe: touches nothing but its arguments (the brain is const and thread-safe).
core::Decision Decide(const core::ConversationSnapshot& snapshot, const core::Event& event,
                      const core::AgentConfig& config, const core::Brain& brain,
                      base::TimePoint now);

}  // namespace workflow
