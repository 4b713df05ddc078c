// The model's proposal read from either output mode: the same turn from structured output and
// from tool calls, the aliases, what is lenient and what is refused (for the repair round).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "brain/llm/proposal.h"

namespace brain::llm {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TurnFacts Facts(std::optional<int> pending = std::nullopt) {
  TurnFacts f;
  f.language = core::Language::kPt;
  if (pending) f.answerable = core::PendingQuestion{*pending, "Qual o orçamento?", "Budget"};
  return f;
}

const json kTurn = {{"reply", "A caneca custa 14,90."},
                    {"language", "pt"},
                    {"asked", true},
                    {"answered", true},
                    {"handoff", nullptr},
                    {"answer", nullptr},
                    {"cited_products", {"Stoneware mug"}}};

TEST(LlmProposalTest, BothModesReadTheSameTurn) {
  auto structured = ProposalFromContent(kTurn.dump(), Facts());
  auto called = ProposalFromCalls(
      {{"call_1", "search_catalog", {{"query", "caneca"}}}, {"call_2", "respond", kTurn}}, Facts());
  for (const auto* p : {&structured, &called}) {
    ASSERT_TRUE(p->ok()) << p->error().message;
    EXPECT_EQ((*p)->reply, "A caneca custa 14,90.");
    EXPECT_EQ((*p)->language, core::Language::kPt);
    EXPECT_TRUE((*p)->asked);
    EXPECT_TRUE((*p)->answered);
    EXPECT_FALSE((*p)->handoff);
    EXPECT_FALSE((*p)->answer);
    EXPECT_THAT((*p)->cited_products, ::testing::ElementsAre("Stoneware mug"));
  }
}

TEST(LlmProposalTest, AHandoffIsAFieldOrACallWithItsReason) {
  json turn = kTurn;
  turn["reply"] = "";
  turn["handoff"] = {{"reason", "reserved_topic"}, {"detail", "wholesale order"}};
  auto field = ProposalFromContent(turn.dump(), Facts());
  ASSERT_TRUE(field.ok()) << field.error().message;
  EXPECT_EQ(field->handoff->reason, core::HandoffReason::kReservedTopic);
  EXPECT_EQ(field->handoff->detail, "wholesale order");
  auto call = ProposalFromCalls(
      {{"call_1", "handoff", {{"reason", "customer_request"}, {"detail", "asked"}}}}, Facts());
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->handoff->reason, core::HandoffReason::kCustomerRequest);
  EXPECT_EQ(call->language, core::Language::kPt);
}

TEST(LlmProposalTest, AnAnswerIsForThePendingQuestion) {
  json turn = kTurn;
  turn["answer"] = "uns 3000";
  auto p = ProposalFromContent(turn.dump(), Facts(2));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->answer->question_index, 2);
  EXPECT_EQ(p->answer->answer, "uns 3000");
  // With none pending it is kept for the guards to refuse.
  EXPECT_EQ(ProposalFromContent(turn.dump(), Facts())->answer->question_index, -1);
  // record_answer with respond.
  auto called = ProposalFromCalls(
      {{"c1", "record_answer", {{"answer", "uns 3000"}}}, {"c2", "respond", kTurn}}, Facts(2));
  ASSERT_TRUE(called.ok());
  EXPECT_EQ(called->answer->answer, "uns 3000");
  EXPECT_EQ(called->reply, "A caneca custa 14,90.");
}

TEST(LlmProposalTest, ASloppyButClearTurnIsRead) {
  auto p = ProposalFromContent(R"({"reply":"Olá!"})", Facts());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->reply, "Olá!");
  EXPECT_EQ(p->language, core::Language::kPt);  // the customer's
  EXPECT_FALSE(p->asked);
}

TEST(LlmProposalTest, WhatCannotBeUsedIsRefusedWithItsReason) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"not json", "not JSON"},
      {"[1,2]", "JSON object"},
      {R"({"reply":5})", "reply"},
      {R"({"reply":"x","language":"fr"})", "language"},
      {R"({"reply":"x","asked":"yes"})", "asked"},
      {R"({"reply":"","handoff":{"reason":"bored"}})", "handoff.reason"},
      {R"({"reply":"","handoff":{"reason":"qualified"}})", "handoff.reason"},
      {R"({"reply":"","handoff":{"detail":"x"}})", "handoff.reason"},
      {R"({"reply":"x","answer":42})", "answer"},
      {R"({"reply":"x","cited_products":"mug"})", "cited_products"},
      {R"({"language":"en"})", "reply is missing"},
  };
  for (const auto& [content, why] : refused) {
    auto p = ProposalFromContent(content, Facts());
    ASSERT_FALSE(p.ok()) << content;
    EXPECT_EQ(p.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_THAT(p.error().message, HasSubstr(why)) << content;
  }
  auto unknown = ProposalFromCalls({{"c1", "delete_everything", json::object()}}, Facts());
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().message, HasSubstr("delete_everything"));
  auto searching = ProposalFromCalls({{"c1", "search_catalog", {{"query", "x"}}}}, Facts());
  ASSERT_FALSE(searching.ok());
  EXPECT_EQ(searching.error().code, base::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace brain::llm
