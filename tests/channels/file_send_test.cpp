// A person's file: WhatsApp's upload and send by id, Messenger's one multipart send, Instagram's
// refusal.
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
      ParseUploadedMediaId(testing_support::ReadFixture("responses/whatsapp_media_upload.json"))
          .value(),
      "1037543291543636");
  EXPECT_FALSE(ParseUploadedMediaId(R"({"error":{}})").ok());
  EXPECT_FALSE(ParseUploadedMediaId("<html>").ok());
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

TEST(FileSendTest, InstagramEmptyFilesAndOtherKindsAreRefused) {
  EXPECT_FALSE(BuildFileSend(Target(core::Channel::kInstagram), Pdf()).ok());
  OutgoingFile empty = Pdf();
  empty.bytes = {};
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kWhatsapp), empty).ok());
  OutgoingFile location = Pdf();
  location.kind = core::Attachment::kLocation;
  EXPECT_FALSE(BuildMediaUpload(Target(core::Channel::kWhatsapp), location).ok());
}

}  // namespace
}  // namespace channels
