#include "core/enums.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(EnumsTest, WireNamesRoundTrip) {
  for (Author a :
       {Author::kCustomer, Author::kAi, Author::kHumanCrm, Author::kHumanApp, Author::kSystem}) {
    EXPECT_EQ(ParseAuthor(ToString(a)), a);
  }
  EXPECT_EQ(ToString(Author::kHumanCrm), "human_crm");
  EXPECT_EQ(ParseWorkflowKind("qualify_and_transfer"), WorkflowKind::kQualifyAndTransfer);
  EXPECT_EQ(ParseAuditKind(ToString(AuditKind::kReopened)), AuditKind::kReopened);
  EXPECT_EQ(ToString(AuditKind::kFolderChanged), "folder_changed");
  EXPECT_EQ(ParseAuditKind("priority_changed"), AuditKind::kPriorityChanged);
  EXPECT_EQ(ParseLanguage("fr"), std::nullopt);
  EXPECT_EQ(ParseMode("AI"), std::nullopt);
  for (Attachment a :
       {Attachment::kNone, Attachment::kImage, Attachment::kAudio, Attachment::kVideo,
        Attachment::kDocument, Attachment::kSticker, Attachment::kLocation, Attachment::kContacts,
        Attachment::kShare, Attachment::kOther}) {
    EXPECT_EQ(ParseAttachment(ToString(a)), a);
  }
  EXPECT_EQ(ToString(Attachment::kContacts), "contacts");
  for (WebhookEvent e :
       {WebhookEvent::kMessageCreated, WebhookEvent::kHandoff, WebhookEvent::kLeadQualified}) {
    EXPECT_EQ(ParseWebhookEvent(ToString(e)), e);
  }
  EXPECT_EQ(ToString(WebhookEvent::kLeadQualified), "lead.qualified");
  for (Priority p : {Priority::kNormal, Priority::kHigh, Priority::kUrgent}) {
    EXPECT_EQ(ParsePriority(ToString(p)), p);
  }
  EXPECT_EQ(ToString(Priority::kUrgent), "urgent");
  EXPECT_EQ(ParsePriority("low"), std::nullopt);
  for (HandoffReason r :
       {HandoffReason::kCustomerRequest, HandoffReason::kFrustration, HandoffReason::kCannotAnswer,
        HandoffReason::kReservedTopic, HandoffReason::kAiFailure, HandoffReason::kQualified}) {
    EXPECT_EQ(ParseHandoffReason(ToString(r)), r);
  }
  EXPECT_EQ(ToString(HandoffReason::kReservedTopic), "reserved_topic");
}

}  // namespace
}  // namespace core
