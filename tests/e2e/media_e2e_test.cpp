// A customer's photo through the real binary: delivered by a signed WhatsApp webhook, downloaded
// from the fake Graph API into the media store, listed with its message and served to a member of
// the workspace only; refused with its state when too large; retried after a failing download. A
// person's file reaches the customer on WhatsApp, Instagram and the web chat.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "channels/signature.h"
#include "e2e/crm_server.h"
#include "e2e/fake_graph.h"
#include "testing/fixture.h"

namespace e2e {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "fixture_app_secret_0123456789abcdef";
constexpr const char* kToken = "test-access-token";
constexpr const char* kMediaId = "1908647269898587";  // whatsapp/in_image.json's
constexpr const char* kWendy = "wendy@wa.example";
const std::string kPhoto = std::string("\xFF\xD8\xFF\xE0", 4) + "a photo of a blue sofa";

// The handoff agent with one Meta channel connected.
std::string Agent(const std::string& type, const std::string& account_id) {
  return std::string(CrmServer::kHandoffAgent) + "[[channels]]\ntype = \"" + type +
         "\"\naccount_id = \"" + account_id + "\"\naccess_token = \"" + kToken +
         "\"\napp_secret = \"" + kSecret +
         "\"\napp_id = \"1517776481860111\"\nverify_token = \"verify-me\"\n";
}

class MediaE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(graph_.started());
    ASSERT_TRUE(crm_.Start({.env = {{"FRONTDESK_GRAPH_BASE_URL",
                                     "http://127.0.0.1:" + std::to_string(graph_.port())}}}));
    ASSERT_TRUE(crm_.AddWorkspace("wa", Agent("whatsapp", "106540352242922")));
    ASSERT_TRUE(crm_.AddMember("wa", kWendy, "owner"));
    wendy_ = crm_.SignIn(kWendy, CrmServer::kOwnerPassword);
    shop_ = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  }

  // whatsapp/in_image.json as sent now (a reply to it must be inside the messaging window).
  void DeliverPhoto() {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const std::string body =
        std::regex_replace(testing_support::ReadFixture("whatsapp/in_image.json"),
                           std::regex(R"re("timestamp": "\d+")re"),
                           "\"timestamp\": \"" + std::to_string(now.count()) + "\"");
    auto r = crm_.client().Post("/webhooks/whatsapp",
                                {{"X-Hub-Signature-256", channels::Sign(body, kSecret)}}, body,
                                "application/json");
    ASSERT_TRUE(r && r->status == 200);
  }

  // The photo's message once its media is no longer pending (null after 20 s).
  json SettledMessage() {
    json found;
    std::string last;
    const bool settled = WaitFor([&] {
      auto list = crm_.client().Get("/api/v1/workspaces/wa/conversations", wendy_);
      if (!list || list->status != 200) return false;
      const json conversations = json::parse(list->body)["conversations"];
      if (conversations.empty()) return false;
      conversation_ = conversations[0]["id"].get<std::int64_t>();
      auto page = crm_.client().Get(Path("/messages"), wendy_);
      if (!page || page->status != 200) return false;
      last = page->body;
      const json messages = json::parse(page->body)["messages"];
      for (const json& m : messages) {
        if (m.contains("media") && m["media"][0]["state"] != "pending") {
          found = m;
          return true;
        }
      }
      return false;
    });
    if (!settled) ADD_FAILURE() << "messages: " << last << "\nlog: " << crm_.Log();
    return found;
  }

  std::string Path(const std::string& rest, const std::string& slug = "wa") {
    return "/api/v1/workspaces/" + slug + "/conversations/" + std::to_string(conversation_) + rest;
  }

  FakeGraph graph_;
  CrmServer crm_;
  httplib::Headers wendy_;
  httplib::Headers shop_;
  std::int64_t conversation_ = 0;
};

TEST_F(MediaE2eTest, ACustomersPhotoIsDownloadedAndServedToAMemberOnly) {
  graph_.AddMedia(kMediaId, "image/jpeg", kPhoto);
  DeliverPhoto();
  const json message = SettledMessage();
  ASSERT_FALSE(message.is_null());
  EXPECT_EQ(message["text"], "This one, in blue");
  const json& media = message["media"][0];
  EXPECT_EQ(media["state"], "stored");
  EXPECT_EQ(media["kind"], "image");
  EXPECT_EQ(media["mime_type"], "image/jpeg");
  EXPECT_EQ(media["size"], kPhoto.size());
  // Both steps carried the account's token.
  const auto requests = graph_.media_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, std::string("/v25.0/") + kMediaId);
  EXPECT_EQ(requests[1].path, std::string("/files/") + kMediaId);
  EXPECT_EQ(requests[1].authorization, std::string("Bearer ") + kToken);

  const std::string file = "/attachments/" + std::to_string(media["id"].get<std::int64_t>());
  auto bytes = crm_.client().Get(Path(file), wendy_);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->status, 200);
  EXPECT_EQ(bytes->body, kPhoto);
  EXPECT_EQ(bytes->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(bytes->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(bytes->has_header("Content-Disposition"));  // an image is shown inline

  // Another workspace's member gets nothing, by her own slug or by theirs.
  auto other = crm_.client().Get(Path(file, "shop"), shop_);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  auto foreign = crm_.client().Get(Path(file), shop_);
  ASSERT_TRUE(foreign);
  EXPECT_TRUE(foreign->status == 403 || foreign->status == 404) << foreign->status;
  EXPECT_EQ(foreign->body.find("sofa"), std::string::npos);
  auto anonymous = crm_.client().Get(Path(file));
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(MediaE2eTest, ATooLargePhotoIsRefusedWithItsState) {
  graph_.AddMedia(kMediaId, "image/jpeg", std::string(6 * 1024 * 1024, 'x'));
  DeliverPhoto();
  const json message = SettledMessage();
  ASSERT_FALSE(message.is_null());
  EXPECT_EQ(message["media"][0]["state"], "too_large");
  EXPECT_EQ(graph_.media_requests().size(), 1u);  // the description said its size: no download
  auto bytes = crm_.client().Get(
      Path("/attachments/" + std::to_string(message["media"][0]["id"].get<std::int64_t>())),
      wendy_);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->status, 404);
}

TEST_F(MediaE2eTest, AFailingDownloadIsRetried) {
  graph_.AddMedia(kMediaId, "image/jpeg", kPhoto);
  graph_.FailMedia(1, 503);
  DeliverPhoto();
  const json message = SettledMessage();
  ASSERT_FALSE(message.is_null());
  EXPECT_EQ(message["media"][0]["state"], "stored");
  EXPECT_EQ(graph_.media_requests().size(), 3u);  // the failure, then both steps
}

}  // namespace
}  // namespace e2e

namespace e2e {
namespace {

TEST_F(MediaE2eTest, AReplyWithAFileReachesTheCustomerOnce) {
  graph_.AddMedia(kMediaId, "image/jpeg", kPhoto);
  DeliverPhoto();
  ASSERT_FALSE(SettledMessage().is_null());
  const std::string file = "%PDF-1.4 the quote for the blue sofa";
  httplib::MultipartFormDataItems form{{"text", "Here is the quote", "", ""},
                                       {"file", file, "quote.pdf", "application/pdf"}};
  auto sent = crm_.client().Post(Path("/messages"), wendy_, form);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 201) << sent->body;
  const json reply = json::parse(sent->body);
  EXPECT_EQ(reply["author"], "human_crm");
  EXPECT_EQ(reply["text"], "Here is the quote");
  ASSERT_EQ(reply["media"].size(), 1u);
  EXPECT_EQ(reply["media"][0]["name"], "quote.pdf");
  EXPECT_EQ(reply["media"][0]["kind"], "document");
  EXPECT_EQ(reply["media"][0]["state"], "stored");

  // Uploaded, then sent by the id the upload gave, then the text; the reply is sent.
  const auto document_sends = [&] {
    int n = 0;
    for (const GraphRequest& r : graph_.requests()) {
      n += r.body.find(R"("type":"document")") != std::string::npos ? 1 : 0;
    }
    return n;
  };
  ASSERT_TRUE(WaitFor([&] {
    auto page = crm_.client().Get(Path("/messages?limit=1"), wendy_);
    return page && page->status == 200 &&
           json::parse(page->body)["messages"][0]["delivery"] == "sent";
  }));
  ASSERT_EQ(graph_.uploads().size(), 1u);
  EXPECT_EQ(graph_.uploads()[0].path, "/v25.0/106540352242922/media");
  EXPECT_EQ(graph_.uploads()[0].body, file);
  EXPECT_EQ(document_sends(), 1);
  bool by_id = false;
  for (const GraphRequest& r : graph_.requests()) {
    by_id = by_id || r.body.find(R"("document":{"id":"770001","filename":"quote.pdf"})") !=
                         std::string::npos;
  }
  EXPECT_TRUE(by_id);

  // The member reads the file back, as a download with its name.
  auto bytes = crm_.client().Get(
      Path("/attachments/" + std::to_string(reply["media"][0]["id"].get<std::int64_t>())), wendy_);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->body, file);
  EXPECT_EQ(bytes->get_header_value("Content-Disposition"), "attachment; filename=\"quote.pdf\"");

  // A type that is not sent is refused before anything is stored.
  httplib::MultipartFormDataItems script{
      {"file", "MZ...", "setup.exe", "application/x-msdownload"}};
  auto refused = crm_.client().Post(Path("/messages"), wendy_, script);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(graph_.uploads().size(), 1u);
  EXPECT_EQ(document_sends(), 1);  // still once
}

// On Instagram a person's photo is uploaded with the Attachment Upload API, then sent by the id it
// gave; a document other than a PDF is refused before anything is stored.
TEST_F(MediaE2eTest, OnInstagramAPersonsPhotoIsUploadedThenSentByItsAttachmentId) {
  ASSERT_TRUE(crm_.AddWorkspace("ig", Agent("instagram", "17841400123456789")));
  ASSERT_TRUE(crm_.AddMember("ig", kWendy, "owner"));
  for (int i = 0; i < 4; ++i) {
    graph_.Script(200, R"({"recipient_id":"1284567890123456","message_id":"aWdf_out{n}"})");
  }
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const std::string body = std::regex_replace(
      testing_support::ReadFixture("instagram/in_text.json"),
      std::regex(R"re(("(timestamp|time)": ?)\d{13})re"), "$01" + std::to_string(now.count()));
  auto delivered = crm_.client().Post("/webhooks/instagram",
                                      {{"X-Hub-Signature-256", channels::Sign(body, kSecret)}},
                                      body, "application/json");
  ASSERT_TRUE(delivered && delivered->status == 200);
  ASSERT_TRUE(WaitFor([&] {
    auto list = crm_.client().Get("/api/v1/workspaces/ig/conversations", wendy_);
    if (!list || list->status != 200) return false;
    const json conversations = json::parse(list->body)["conversations"];
    if (conversations.empty()) return false;
    conversation_ = conversations[0]["id"].get<std::int64_t>();
    return true;
  }));

  const std::string photo = std::string("\x89PNG\r\n", 6) + "the sofa in sage green";
  httplib::MultipartFormDataItems form{{"file", photo, "sofa.png", "image/png"}};
  auto sent = crm_.client().Post(Path("/messages", "ig"), wendy_, form);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 201) << sent->body;
  ASSERT_TRUE(WaitFor([&] {
    auto page = crm_.client().Get(Path("/messages?limit=1", "ig"), wendy_);
    return page && page->status == 200 &&
           json::parse(page->body)["messages"][0]["delivery"] == "sent";
  })) << crm_.Log();
  ASSERT_EQ(graph_.uploads().size(), 1u);
  EXPECT_EQ(graph_.uploads()[0].path, "/v25.0/me/message_attachments");
  EXPECT_EQ(graph_.uploads()[0].body, photo);
  int by_id = 0;
  for (const GraphRequest& r : graph_.requests()) {
    by_id += r.body.find(R"("payload":{"attachment_id":"880001"})") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(by_id, 1);

  httplib::MultipartFormDataItems sheet{
      {"file", "PK...", "prices.xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  auto refused = crm_.client().Post(Path("/messages", "ig"), wendy_, sheet);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("only as PDF"), std::string::npos) << refused->body;
  EXPECT_EQ(graph_.uploads().size(), 1u);
}

}  // namespace
}  // namespace e2e

namespace e2e {
namespace {

// On the web chat a person's file reaches the visitor's page: listed with its message and read
// back with the visitor's own cookie, by nobody else.
TEST_F(MediaE2eTest, AWebChatVisitorSeesAPersonsFileAndNobodyElseReadsIt) {
  auto chat = crm_.client().Post("/chat/shop/messages", R"({"text": "hello"})", "application/json");
  ASSERT_TRUE(chat && chat->status == 202);
  const std::string set_cookie = chat->get_header_value("Set-Cookie");
  const httplib::Headers visitor{{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
  crm_.WaitForReplies();
  auto list = crm_.client().Get("/api/v1/workspaces/shop/conversations", shop_);
  ASSERT_TRUE(list && list->status == 200);
  conversation_ = json::parse(list->body)["conversations"][0]["id"].get<std::int64_t>();

  const std::string png("\x89PNG\r\n\x1a\nmap", 11);
  httplib::MultipartFormDataItems form{{"text", "Here is the map", "", ""},
                                       {"file", png, "map.png", "image/png"}};
  auto sent = crm_.client().Post(Path("/messages", "shop"), shop_, form);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 201) << sent->body;

  auto page = crm_.client().Get("/chat/shop/messages", visitor);
  ASSERT_TRUE(page && page->status == 200);
  const json last = json::parse(page->body)["messages"].back();
  EXPECT_EQ(last["author"], "human_crm");
  EXPECT_EQ(last["text"], "Here is the map");
  ASSERT_EQ(last["files"].size(), 1u) << last.dump();
  EXPECT_EQ(last["files"][0]["kind"], "image");
  EXPECT_EQ(last["files"][0]["type"], "image/png");
  const std::string file =
      "/chat/shop/attachments/" + std::to_string(last["files"][0]["id"].get<std::int64_t>());

  auto bytes = crm_.client().Get(file, visitor);
  ASSERT_TRUE(bytes);
  ASSERT_EQ(bytes->status, 200);
  EXPECT_EQ(bytes->body, png);
  EXPECT_EQ(bytes->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(bytes->get_header_value("X-Content-Type-Options"), "nosniff");

  // Without the cookie, with another visitor's, or under another workspace: not found.
  EXPECT_EQ(crm_.client().Get(file)->status, 404);
  auto stranger = crm_.client().Get("/chat/shop/messages");
  ASSERT_TRUE(stranger);
  const std::string theirs = stranger->get_header_value("Set-Cookie");
  ASSERT_FALSE(theirs.empty());
  EXPECT_EQ(crm_.client().Get(file, {{"Cookie", theirs.substr(0, theirs.find(';'))}})->status, 404);
  EXPECT_EQ(
      crm_.client()
          .Get("/chat/wa/attachments/" + std::to_string(last["files"][0]["id"].get<std::int64_t>()),
               visitor)
          ->status,
      404);
}

}  // namespace
}  // namespace e2e
