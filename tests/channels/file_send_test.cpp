// A person's file: WhatsApp's and Instagram's upload and send by id, Messenger's one multipart
// send.
#include "channels/file_send.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixture.h"

namespace channels {
namespace {

using ::testing::HasSubstr;

const std::string kBytes = "%PDF-1.4 quote";

SendTarget Target(core::Channel channel) {
  return {channel, "v25.0", channel == core::Channel::kWhatsapp ? "106540352242922" : "1098", "tok",
          "16505551234"};
}

OutgoingFile Pdf() {
  return {core::Attachment::kDocument, "application/pdf", "quote \"1\".pdf", kBytes, false};
}

TEST(FileSendTest, WhatsappUploadsTheFileAsAForm) {
  auto r = BuildMediaUpload(Target(core::Channel::kWhatsapp), Pdf());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/v25.0/106540352242922/media");
  EXPECT_THAT(r->headers.at(1).value, HasSubstr("multipart/form-data; boundary=frontdesk-form-"));
  EXPECT_THAT(r->body, HasSubstr("name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"));
  EXPECT_THAT(r->body, HasSubstr("name=\"type\"\r\n\r\napplication/pdf\r\n"));
  // The quotes of the name cannot end its parameter.
  EXPECT_THAT(r->body, HasSubstr("filename=\"quote 1.pdf\"\r\nContent-Type: application/pdf"
                                 "\r\n\r\n%PDF-1.4 quote\r\n"));
}

TEST(FileSendTest, WhatsappSendsTheUploadedIdWithTheDocumentsName) {
  auto r = BuildFileSend(Target(core::Channel::kWhatsapp), Pdf(), "5550001");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/v25.0/106540352242922/messages");
  EXPECT_THAT(
      r->body,
      HasSubstr(R"("type":"document","document":{"id":"5550001","filename":"quote \"1\".pdf"})"));
  EXPECT_FALSE(BuildFileSend(Target(core::Channel::kWhatsapp), Pdf(), "").ok());
}

TEST(FileSendTest, TheBoundaryNeverOccursInTheFile) {
  OutgoingFile file = Pdf();
  const std::string tricky = "--frontdesk-form-7c1e9a40d2b5 --frontdesk-form-7c1e9a40d2b5-1";
  file.bytes = tricky;
  auto r = BuildMediaUpload(Target(core::Channel::kWhatsapp), file);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->headers.at(1).value, HasSubstr("boundary=frontdesk-form-7c1e9a40d2b5-2"));
}

TEST(FileSendTest, TheUploadsAnswerGivesTheMediaId) {
  EXPECT_EQ(
      ParseUploadedMediaId(core::Channel::kWhatsapp,
                           testing_support::ReadFixture("responses/whatsapp_media_upload.json"))
          .value(),
      "1037543291543636");
  EXPECT_EQ(ParseUploadedMediaId(
                core::Channel::kInstagram,
                testing_support::ReadFixture("responses/instagram_attachment_upload.json"))
                .value(),
            "1857777774821032");
  // Each channel's own field.
  EXPECT_FALSE(
      ParseUploadedMediaId(core::Channel::kInstagram, R"({"id":"1037543291543636"})").ok());
  EXPECT_FALSE(ParseUploadedMediaId(core::Channel::kWhatsapp, R"({"error":{}})").ok());
  EXPECT_FALSE(ParseUploadedMediaId(core::Channel::kWhatsapp, "<html>").ok());
}

TEST(FileSendTest, MessengerSendsTheFileWithItsMessageAndTheHumanAgentTagWhenAsked) {
  OutgoingFile file = Pdf();
  file.human_agent_tag = true;
  auto r = BuildFileSend(Target(core::Channel::kMessenger), file);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/v25.0/me/messages");
  EXPECT_THAT(r->body,
              HasSubstr(R"({"attachment":{"type":"file","payload":{"is_reusable":false}}})"));
  EXPECT_THAT(r->body, HasSubstr("name=\"tag\"\r\n\r\nHUMAN_AGENT"));
  EXPECT_THAT(r->body, HasSubstr("name=\"filedata\"; filename=\"quote 1.pdf\""));
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kMessenger), file).ok());
}

TEST(FileSendTest, InstagramUploadsTheFileThenSendsItsAttachmentId) {
  OutgoingFile photo{core::Attachment::kImage, "image/png", "plan.png", kBytes, false};
  auto upload = BuildMediaUpload(Target(core::Channel::kInstagram), photo);
  ASSERT_TRUE(upload.ok()) << upload.error().message;
  EXPECT_EQ(upload->path, "/v25.0/me/message_attachments");
  EXPECT_THAT(upload->body, HasSubstr("name=\"platform\"\r\n\r\ninstagram\r\n"));
  EXPECT_THAT(upload->body,
              HasSubstr(R"({"attachment":{"type":"image","payload":{"is_reusable":true}}})"));
  EXPECT_THAT(upload->body, HasSubstr("name=\"filedata\"; filename=\"plan.png\""));
  photo.human_agent_tag = true;
  auto send = BuildFileSend(Target(core::Channel::kInstagram), photo, "1857777774821032");
  ASSERT_TRUE(send.ok());
  EXPECT_EQ(send->path, "/v25.0/me/messages");
  EXPECT_EQ(
      send->body,
      R"({"recipient":{"id":"16505551234"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",)"
      R"("message":{"attachment":{"type":"image","payload":{"attachment_id":"1857777774821032"}}}})");
  EXPECT_FALSE(BuildFileSend(Target(core::Channel::kInstagram), photo, "").ok());
  EXPECT_TRUE(UploadsBeforeSending(core::Channel::kInstagram));
  EXPECT_FALSE(UploadsBeforeSending(core::Channel::kMessenger));
}

TEST(FileSendTest, InstagramTakesDocumentsOnlyAsPdf) {
  EXPECT_TRUE(BuildMediaUpload(Target(core::Channel::kInstagram), Pdf()).ok());
  OutgoingFile sheet = Pdf();
  sheet.mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  auto refused = BuildMediaUpload(Target(core::Channel::kInstagram), sheet);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("only as PDF"));
  EXPECT_TRUE(BuildMediaUpload(Target(core::Channel::kWhatsapp), sheet).ok());
}

TEST(FileSendTest, EmptyFilesAndOtherKindsAreRefused) {
  OutgoingFile empty = Pdf();
  empty.bytes = {};
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kWhatsapp), empty).ok());
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kInstagram), empty).ok());
  OutgoingFile location = Pdf();
  location.kind = core::Attachment::kLocation;
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kWhatsapp), location).ok());
}

}  // namespace
}  // namespace channels
