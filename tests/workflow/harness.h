// Test support: one conversation kept in memory, applying each Decision as the store would, with
// a scripted brain and a fake clock.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "core/brain.h"
#include "workflow/decide.h"

namespace workflow::testing {

// A brain whose proposal is computed by `rule`; it records the inputs it saw.
class ScriptedBrain final : public core::Brain {
 public:
  using Rule = std::function<base::Result<core::Proposal>(const core::BrainInput&)>;
  explicit ScriptedBrain(Rule rule) : rule_(std::move(rule)) {}
  base::Result<core::Proposal> Propose(const core::BrainInput& input) const override {
    inputs_.push_back(input.customer_messages);
    return rule_(input);
  }
  const std::vector<std::vector<std::string>>& inputs() const { return inputs_; }

 private:
  Rule rule_;
  mutable std::vector<std::vector<std::string>> inputs_;
};

// "human" asks for a person; "angry" is frustration; a "?" asks, answered when it names "price";
// anything else answers the pending question.
base::Result<core::Proposal> SimpleRule(const core::BrainInput& input);

class Harness {
 public:
  // The conversation is on WhatsApp, its contact "Ana".
  explicit Harness(core::AgentConfig config, ScriptedBrain::Rule rule = SimpleRule);
  void SetChannel(core::Channel channel);

  // Decides `event` at the clock's time and applies the decision; then answers a reply due at
  // once, as the reply pool would (DecideReply, the brain, DecideReply with its proposal). Returns
  // the step: the event's decision followed by the reply's.
  const core::Decision& Handle(const core::Event& event);
  const core::Decision& Customer(const std::string& text);
  // Advances the clock and fires every timer that came due, in due order.
  void Advance(base::Duration d);

  const core::Conversation& conversation() const { return snapshot_.conversation; }
  const core::Contact& contact() const { return snapshot_.contact; }
  core::Contact& contact() { return snapshot_.contact; }
  const std::vector<core::Message>& messages() const { return snapshot_.history; }
  const std::vector<core::Notification>& notifications() const { return notifications_; }
  const std::vector<core::AuditEvent>& audit() const { return audit_; }
  const std::map<core::TimerKind, base::TimePoint>& timers() const { return timers_; }
  // The AI messages of the last decision.
  std::vector<std::string> AiReplies() const;
  base::FakeClock& clock() { return clock_; }
  core::AgentConfig& config() { return config_; }
  ScriptedBrain& brain() { return brain_; }

 private:
  // Applies `d` as the store would (ids, answers, timers, version); returns it with ids.
  core::Decision Apply(core::Decision d);
  void AnswerDueReply();

  core::AgentConfig config_;
  ScriptedBrain brain_;
  base::FakeClock clock_;
  core::ConversationSnapshot snapshot_;
  std::vector<core::Notification> notifications_;
  std::vector<core::AuditEvent> audit_;
  std::map<core::TimerKind, base::TimePoint> timers_;
  core::Decision last_;
  std::int64_t next_message_id_ = 1;
};

core::AgentConfig HandoffConfig();
core::AgentConfig QualifyConfig();

}  // namespace workflow::testing
