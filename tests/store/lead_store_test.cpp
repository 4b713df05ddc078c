// Lead profiles: labels, notes, answers and the audit of every edit (core::Crm::LoadLead,
// EditLead, EditAnswer, AddNote, ListLeadEdits).
#include <gtest/gtest.h>

#include "store/crm_fixture.h"

namespace store {
namespace {

using namespace std::chrono_literals;
using Labels = std::vector<std::string>;

constexpr std::int64_t kT0 = 1'700'000'000'000;
const base::TimePoint kAt = base::FromMillis(kT0 + 1'000);

class LeadTest : public CrmStoreTest {
 protected:
  void SetUp() override {
    CrmStoreTest::SetUp();
    const auto opened = store_->OpenConversation({ws_, core::Channel::kWhatsapp, "+34600", ""}, 0);
    conversation_ = opened.value().conversation.id;
    contact_ = opened.value().contact.id;
    // Two answers, as the workflow stores them.
    core::Decision d;
    d.conversation = opened.value().conversation;
    d.messages = {{0, 0, core::Author::kCustomer, "500 euros, in May", base::FromMillis(kT0), 0}};
    d.answers = {
        {0, "What is your budget?", "Budget", "500 euros", "500 EUR", base::FromMillis(kT0), {}},
        {1, "When?", "", "May", "May", base::FromMillis(kT0), {}}};
    auto stored = store_->Commit(ws_, d);
    ASSERT_TRUE(stored.ok());
    answer_ids_ = {stored->answers[0].id, stored->answers[1].id};
  }

  std::int64_t conversation_ = 0;
  std::int64_t contact_ = 0;
  std::vector<std::int64_t> answer_ids_;
};

TEST_P(LeadTest, ALeadIsTheContactWithAnswersLabelsNotesAndConversations) {
  const auto web = store_->OpenConversation({ws_, core::Channel::kWhatsapp, "+34600", "2nd"}, 0);
  ASSERT_TRUE(crm().AddNote(ws_, contact_, "called", "bea@shop.example", kAt).ok());
  ASSERT_TRUE(crm().EditLead(ws_, contact_, {std::nullopt, Labels{"b", "a"}}, "bea", kAt).ok());
  const core::Lead lead = crm().LoadLead(ws_, contact_).value();
  EXPECT_EQ(lead.contact.id, contact_);
  EXPECT_EQ(lead.contact.external_id, "+34600");
  ASSERT_EQ(lead.contact.answers.size(), 2u);
  EXPECT_EQ(lead.contact.answers[0].id, answer_ids_[0]);
  EXPECT_EQ(lead.contact.answers[1].answer, "May");
  EXPECT_GT(lead.contact.answers[1].source_message_id.value_or(0), 0);
  EXPECT_EQ(lead.labels, (Labels{"b", "a"}));
  ASSERT_EQ(lead.notes.size(), 1u);
  EXPECT_EQ(lead.notes[0].text, "called");
  EXPECT_EQ(lead.notes[0].author, "bea@shop.example");
  EXPECT_EQ(lead.notes[0].at, kAt);
  EXPECT_EQ(lead.conversation_ids,
            (std::vector<std::int64_t>{conversation_, web.value().conversation.id}));
}

TEST_P(LeadTest, EveryChangedFieldIsAuditedOnceAndUnchangedOnesNot) {
  auto edited = crm().EditLead(ws_, contact_, {"Ana", Labels{"vip"}}, "bea@shop.example", kAt);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->contact.display_name, "Ana");
  EXPECT_EQ(edited->labels, Labels{"vip"});
  ASSERT_TRUE(crm().EditLead(ws_, contact_, {"Ana", Labels{"vip"}}, "cy", kAt).ok());  // no-op
  ASSERT_TRUE(crm().EditLead(ws_, contact_, {std::nullopt, Labels{}}, "cy", kAt + 1ms).ok());
  const auto edits = crm().ListLeadEdits(ws_, contact_).value();
  ASSERT_EQ(edits.size(), 3u);
  EXPECT_EQ(edits[0].field, "name");
  EXPECT_EQ(edits[0].before, core::LeadValue{std::string("+34600")});
  EXPECT_EQ(edits[0].after, core::LeadValue{std::string("Ana")});
  EXPECT_EQ(edits[0].user, "bea@shop.example");
  EXPECT_EQ(edits[0].at, kAt);
  EXPECT_EQ(edits[1].field, "labels");
  EXPECT_EQ(edits[1].before, core::LeadValue{Labels{}});
  EXPECT_EQ(edits[1].after, core::LeadValue{Labels{"vip"}});
  EXPECT_EQ(edits[2].user, "cy");
  EXPECT_EQ(edits[2].after, core::LeadValue{Labels{}});
  EXPECT_TRUE(crm().LoadLead(ws_, contact_).value().labels.empty());
}

TEST_P(LeadTest, ANameAUserSetIsKeptWhenTheChannelReportsAnother) {
  ASSERT_TRUE(crm().EditLead(ws_, contact_, {"Ana (florist)", std::nullopt}, "bea", kAt).ok());
  core::Decision d;
  d.conversation = store_->LoadConversation(ws_, conversation_, 0).value().conversation;
  d.contact_name = "Ana WhatsApp";
  ASSERT_TRUE(store_->Commit(ws_, d).ok());
  EXPECT_EQ(crm().LoadLead(ws_, contact_).value().contact.display_name, "Ana (florist)");
}

TEST_P(LeadTest, AnAnswerEditIsAuditedByItsPosition) {
  auto edited = crm().EditAnswer(ws_, contact_, answer_ids_[1], "June", "bea", kAt);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->contact.answers[1].answer, "June");  // a person's words are its provenance
  EXPECT_EQ(edited->contact.answers[1].value, "June");
  EXPECT_EQ(edited->contact.answers[0].answer, "500 euros");
  EXPECT_EQ(edited->contact.answers[0].value, "500 EUR");
  ASSERT_TRUE(crm().EditAnswer(ws_, contact_, answer_ids_[1], "June", "bea", kAt).ok());  // same
  const auto edits = crm().ListLeadEdits(ws_, contact_).value();
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].field, "answers[1]");
  EXPECT_EQ(edits[0].before, core::LeadValue{std::string("May")});
  EXPECT_EQ(edits[0].after, core::LeadValue{std::string("June")});
}

TEST_P(LeadTest, ANoteIsAnEditWithoutABefore) {
  auto note = crm().AddNote(ws_, contact_, "prefers mornings", "bea", kAt);
  ASSERT_TRUE(note.ok());
  EXPECT_GT(note->id, 0);
  EXPECT_EQ(note->contact_id, contact_);
  const auto edits = crm().ListLeadEdits(ws_, contact_).value();
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].field, "note");
  EXPECT_EQ(edits[0].before, core::LeadValue{});
  EXPECT_EQ(edits[0].after, core::LeadValue{std::string("prefers mornings")});
}

TEST_P(LeadTest, AnotherWorkspacesLeadIsNotFoundForEveryCallAndUnchanged) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto elsewhere = store_->OpenConversation({other, core::Channel::kWeb, "v", ""}, 0);
  const std::int64_t theirs = elsewhere.value().contact.id;
  const auto not_found = base::ErrorCode::kNotFound;
  EXPECT_EQ(crm().LoadLead(ws_, theirs).error().code, not_found);
  EXPECT_EQ(crm().EditLead(ws_, theirs, {"x", Labels{"y"}}, "bea", kAt).error().code, not_found);
  EXPECT_EQ(crm().AddNote(ws_, theirs, "x", "bea", kAt).error().code, not_found);
  EXPECT_EQ(crm().ListLeadEdits(ws_, theirs).error().code, not_found);
  // My answer through their lead, a lead of theirs from my workspace, an unknown answer.
  EXPECT_EQ(crm().EditAnswer(other, theirs, answer_ids_[0], "x", "bea", kAt).error().code,
            not_found);
  EXPECT_EQ(crm().EditAnswer(ws_, theirs, answer_ids_[0], "x", "bea", kAt).error().code, not_found);
  EXPECT_EQ(crm().EditAnswer(ws_, contact_, answer_ids_[1] + 100, "x", "bea", kAt).error().code,
            not_found);
  const core::Lead lead = crm().LoadLead(other, theirs).value();
  EXPECT_EQ(lead.contact.display_name, elsewhere.value().contact.display_name);
  EXPECT_TRUE(lead.labels.empty());
  EXPECT_TRUE(lead.notes.empty());
  EXPECT_TRUE(crm().ListLeadEdits(other, theirs).value().empty());
  EXPECT_EQ(crm().LoadLead(ws_, contact_).value().contact.answers[0].answer, "500 euros");
  EXPECT_TRUE(crm().ListLeadEdits(ws_, contact_).value().empty());
}

FRONTDESK_ON_BOTH_BACKENDS(LeadTest);

}  // namespace
}  // namespace store
