// Test support: `frontdesk serve` whose workspace "casa" thinks with the llm brain. The model is a
// FakeLlm on loopback (FRONTDESK_LLM_*, structured output unless told otherwise), the sends go to
// a fake Graph API, and "casa" has a catalog, a business context, a WhatsApp, a Messenger and an
// Instagram account (signed webhooks) and the web chat, with its owner signed in. Replies are due
// at once (debounce 0).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/conversation.h"
#include "core/enums.h"
#include "e2e/api_fixture.h"
#include "e2e/crm_server.h"
#include "e2e/fake_graph.h"
#include "testing/fake_llm.h"
#include "testing/model_turn.h"
#include "testing/temp_dir.h"

namespace e2e {

using testing_support::ModelTurn;

class LlmServer {
 public:
  static constexpr const char* kGreeting = "Hi!";
  static constexpr const char* kHandoffMessage = "A person from our team will answer you here.";
  // A row of the catalog as the prompt shows it.
  static constexpr const char* kMugRow = "Stoneware mug | 14.90 USD | 48 in stock";
  static constexpr const char* kOpeningHours = "Monday to Friday from 10:00 to 19:00";

  // Starts the server with `env` on top of the model's FRONTDESK_LLM_* (for instance
  // {"FRONTDESK_LLM_FALLBACK", "handoff"}); "casa" runs handoff_to_human. False when a step
  // failed.
  bool Start(const std::map<std::string, std::string>& env = {});

  // A signed webhook of `channel` (a Meta one): `customer` writes `text` now. Returns the status.
  int CustomerWrites(core::Channel channel, const std::string& customer, const std::string& text);
  // A signed webhook of `channel`: the owner answered `customer` from the messaging app.
  int OwnerEcho(core::Channel channel, const std::string& customer, const std::string& text);
  // A web chat visitor of "casa" writes `text`; `visitor` keeps its cookie ("" for a new one).
  // Returns the visitor's page of messages once no reply is owed.
  nlohmann::json VisitorWrites(std::string& visitor, const std::string& text);

  // What the fake Graph API was asked to send to `customer`, in order: the texts.
  std::vector<std::string> SentTo(const std::string& customer);
  // Waits until `count` texts were sent to `customer` (false after the bound).
  bool WaitForSent(const std::string& customer, std::size_t count);
  // The next send of `channel` is accepted the way that channel's Graph API answers.
  void AcceptSend(core::Channel channel);

  // The conversation of `customer` on `channel` as stored now (nullopt when there is none).
  std::optional<core::ConversationSnapshot> Conversation(core::Channel channel,
                                                         const std::string& customer);
  // Its messages, one line each ("customer: ...", "ai: ..."), for failure messages.
  std::string Describe(core::Channel channel, const std::string& customer);

  // The value of one /metrics series (`name{labels}`), 0 when it is absent.
  double Metric(const std::string& series);
  // A call of the JSON API of "casa" (`rest` after /api/v1/workspaces/casa) as its owner.
  Answer Api(const std::string& method, const std::string& rest,
             const nlohmann::json& body = nlohmann::json::object());
  // The CRM user's actions on the conversation `id`.
  Answer TakeControl(std::int64_t id);
  Answer ReplyFromCrm(std::int64_t id, const std::string& text);

  testing_support::FakeLlm& model() { return model_; }
  FakeGraph& graph() { return graph_; }
  CrmServer& crm() { return crm_; }

 private:
  int PostSigned(core::Channel channel, const nlohmann::json& body);

  testing_support::TempDir dir_;
  testing_support::FakeLlm model_;
  FakeGraph graph_;
  CrmServer crm_;
  httplib::Headers owner_;
  int next_id_ = 0;  // makes every webhook's message id unique
};

// A 200 whose message is `turn` (structured output).
testing_support::LlmAnswer Answers(const nlohmann::json& turn);

}  // namespace e2e
