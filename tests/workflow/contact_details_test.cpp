// Basic details before a handoff: on the web chat (which gives no way back to the customer),
// handoff_to_human asks once for a name and an email or phone, then hands off at the customer's
// next message or when the wait runs out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflow/harness.h"

namespace workflow::testing {
namespace {

using namespace std::chrono_literals;
using core::Mode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kRequest =
    "Before I pass you to the team: what is your name, and an email or phone number they can "
    "reach you at if you close the chat?";

// A Harness is not movable: a web chat visitor is made in place.
struct WebChat : Harness {
  explicit WebChat(core::AgentConfig config = HandoffConfig()) : Harness(std::move(config)) {
    SetChannel(core::Channel::kWeb);
    contact().display_name = "Web visitor 3f2a";
  }
};

TEST(ContactDetailsTest, AWebChatHandoffAsksOneQuestionFirst) {
  WebChat h;
  const auto start = h.clock().Now();
  h.Customer("I want a human");
  EXPECT_THAT(h.AiReplies(), ElementsAre(std::string("Hi, I'm Lia!\n\n") + kRequest));
  EXPECT_EQ(h.conversation().lease.mode, Mode::kAi);
  ASSERT_TRUE(h.conversation().pending_handoff);
  EXPECT_EQ(h.conversation().pending_handoff->reason, core::HandoffReason::kCustomerRequest);
  EXPECT_THAT(h.notifications(), IsEmpty());
  EXPECT_EQ(h.timers().at(core::TimerKind::kReply), start + kContactDetailsWait);
}

TEST(ContactDetailsTest, TheReplyIsRecordedThankedAndTheHandoffHappens) {
  WebChat h;
  h.Customer("I want a human");
  const std::size_t brain_calls = h.brain().inputs().size();
  const auto& d = h.Customer("Ana Souza, ana@example.com");
  EXPECT_EQ(h.brain().inputs().size(), brain_calls);  // no brain between the two
  EXPECT_THAT(h.AiReplies(),
              ElementsAre("Thank you, Ana Souza.\n\nA person will take it from here."));
  EXPECT_EQ(d.contact_name, "Ana Souza");
  ASSERT_EQ(d.answers.size(), 1u);
  EXPECT_EQ(d.answers[0].label, "Email");
  EXPECT_EQ(d.answers[0].value, "ana@example.com");
  EXPECT_EQ(d.answers[0].answer, "Ana Souza, ana@example.com");  // what the customer wrote
  EXPECT_EQ(d.answers[0].question, kRequest);
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
  EXPECT_FALSE(h.conversation().pending_handoff);
  ASSERT_EQ(h.notifications().size(), 1u);
  const core::Notification& n = h.notifications()[0];
  EXPECT_EQ(n.reason, core::HandoffReason::kCustomerRequest);
  EXPECT_EQ(n.detail, "asked for a person");
  EXPECT_EQ(n.customer_name, "Ana Souza");
  ASSERT_EQ(n.answers.size(), 1u);
  EXPECT_EQ(n.answers[0].value, "ana@example.com");
}

TEST(ContactDetailsTest, NeverMoreThanOneQuestionWhateverTheCustomerSays) {
  for (const char* reply : {"no thanks, just connect me", "what are your prices?", "human!!"}) {
    SCOPED_TRACE(reply);
    WebChat h;
    h.Customer("I want a human");
    const auto& d = h.Customer(reply);
    EXPECT_THAT(d.answers, IsEmpty());
    EXPECT_THAT(h.AiReplies(), ElementsAre("A person will take it from here."));
    EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
    EXPECT_EQ(h.notifications().size(), 1u);
  }
}

TEST(ContactDetailsTest, SilenceHandsOffWhenTheWaitRunsOut) {
  WebChat h;
  h.Customer("I want a human");
  h.Advance(kContactDetailsWait - 1s);
  EXPECT_THAT(h.notifications(), IsEmpty());
  h.Advance(1s);
  ASSERT_EQ(h.notifications().size(), 1u);
  EXPECT_EQ(h.messages().back().text, "A person will take it from here.");
  EXPECT_EQ(h.conversation().lease.mode, Mode::kManual);
}

TEST(ContactDetailsTest, APersonTakingOverEndsTheWait) {
  WebChat h;
  h.Customer("I want a human");
  h.Handle(core::TakeControl{"maria@casa.test", h.clock().Now()});
  EXPECT_FALSE(h.conversation().pending_handoff);
  h.Advance(kContactDetailsWait);
  EXPECT_THAT(h.notifications(), IsEmpty());
}

TEST(ContactDetailsTest, EveryHandoffReasonWaitsForTheDetails) {
  WebChat h;
  h.Customer("I am angry");
  ASSERT_TRUE(h.conversation().pending_handoff);
  h.Customer("912 345 678");
  ASSERT_EQ(h.notifications().size(), 1u);
  EXPECT_EQ(h.notifications()[0].reason, core::HandoffReason::kFrustration);
  ASSERT_EQ(h.notifications()[0].answers.size(), 1u);
  EXPECT_EQ(h.notifications()[0].answers[0].label, "Phone");
  EXPECT_THAT(h.AiReplies(), ElementsAre("Thank you.\n\nA person will take it from here."));
}

TEST(ContactDetailsTest, AsksInTheCustomersLanguage) {
  WebChat h;
  h.Customer("hola, quiero un human");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("¿cuál es tu nombre y tu email o teléfono"));
  h.Customer("me llamo Lucía, 612 34 56 78");
  EXPECT_THAT(h.AiReplies().at(0), HasSubstr("Gracias, Lucía."));
}

TEST(ContactDetailsTest, HandsOffAtOnceWhenNothingIsMissing) {
  core::AgentConfig off = HandoffConfig();
  off.ask_contact_details = false;
  WebChat known;
  known.contact().answers.push_back(
      {-1, kRequest, "Email", "ana@example.com", "ana@example.com", {}, {}, 1});

  Harness whatsapp(HandoffConfig());
  WebChat setting_off(off);
  WebChat qualify(QualifyConfig());
  for (Harness* h : std::initializer_list<Harness*>{&whatsapp, &setting_off, &known, &qualify}) {
    h->Customer("I want a human");
    EXPECT_EQ(h->conversation().lease.mode, Mode::kManual);
    EXPECT_EQ(h->notifications().size(), 1u);
  }
}

}  // namespace
}  // namespace workflow::testing
