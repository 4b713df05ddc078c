// Lead profiles over HTTP against the real binary: a collaborator renames, labels, annotates and
// corrects a lead's answers; every edit is audited; bad input and other workspaces' ids change
// nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "e2e/api_fixture.h"
#include "spreadsheet/xlsx_reader.h"

namespace e2e {
namespace {

using nlohmann::json;

// A qualify_and_transfer workspace of two questions.
constexpr const char* kFirmAgent = R"toml([agent]
greeting = "Hello!"
workflow = "qualify_and_transfer"
[[questions]]
text = "Which service do you need?"
label = "Service"
[[questions]]
text = "When do you need it?"
label = "Timeline"
)toml";

class LeadE2eTest : public ApiTest {
 protected:
  // The contact id of shop's only conversation.
  std::string OnlyLead() {
    const json list = Get(Shop("/conversations"), owner_).body["conversations"];
    EXPECT_EQ(list.size(), 1u);
    return std::to_string(list[0]["contact"]["id"].get<int>());
  }
};

TEST_F(LeadE2eTest, ACollaboratorEditsALeadAndEveryEditIsAudited) {
  std::string ana;
  Customer(ana, "hello");
  const std::string lead = "/leads/" + OnlyLead();
  const Answer fresh = Get(Shop(lead), bea_);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(fresh.body["channel"], "web");
  // Known by the SHA-256 of the visitor's cookie (their credential, never shown), and named by
  // its start.
  const std::string cookie = ana.substr(ana.find('=') + 1);
  EXPECT_EQ(fresh.body["external_id"], base::Sha256Hex(cookie));
  EXPECT_EQ(fresh.body["name"], "Web visitor " + base::Sha256Hex(cookie).substr(0, 4));
  EXPECT_EQ(fresh.raw.find(cookie), std::string::npos);
  EXPECT_EQ(fresh.body["answers"], json::array());
  EXPECT_EQ(fresh.body["notes"], json::array());
  EXPECT_EQ(fresh.body["conversation_ids"], json::array({1}));

  const Answer edited =
      Patch(Shop(lead), {{"name", " Ana Lima "}, {"labels", {"vip", " returning", "vip"}}}, bea_);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.body["name"], "Ana Lima");
  EXPECT_EQ(edited.body["labels"], json::array({"vip", "returning"}));
  const Answer note =
      Post(Shop(lead + "/notes"), {{"text", "Prefers mornings.\nCall first."}}, bea_);
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.body["author"], "bea@shop.example");
  EXPECT_EQ(note.body["text"], "Prefers mornings.\nCall first.");
  EXPECT_EQ(Get(Shop(lead), owner_).body["notes"], json::array({note.body}));
  // The inbox shows the new name and labels, and the visitor writing again keeps them.
  Customer(ana, "still there?");
  const json c = Get(Shop("/conversations/1"), owner_).body;
  EXPECT_EQ(c["contact"]["name"], "Ana Lima");
  EXPECT_EQ(c["labels"], json::array({"vip", "returning"}));

  const Answer edits = Get(Shop(lead + "/edits"), owner_);
  ASSERT_EQ(edits.status, 200);
  ASSERT_EQ(edits.body["edits"].size(), 3u);
  const json name = edits.body["edits"][0];
  EXPECT_EQ(name["field"], "name");
  EXPECT_EQ(name["before"], fresh.body["name"]);
  EXPECT_EQ(name["after"], "Ana Lima");
  EXPECT_EQ(name["user"], "bea@shop.example");
  EXPECT_EQ(edits.body["edits"][1]["before"], json::array());
  EXPECT_EQ(edits.body["edits"][1]["after"], json::array({"vip", "returning"}));
  EXPECT_EQ(edits.body["edits"][2]["field"], "note");
  EXPECT_EQ(edits.body["edits"][2]["before"], nullptr);
}

TEST_F(LeadE2eTest, AnAnswerIsCorrectedAndAudited) {
  ASSERT_TRUE(crm_.AddWorkspace("firm", kFirmAgent));
  ASSERT_TRUE(crm_.AddMember("firm", CrmServer::kOwnerEmail, "owner"));
  std::string ana;
  Customer(ana, "hello", "firm");
  Customer(ana, "a work visa", "firm");
  Customer(ana, "next month", "firm");
  const std::string firm = "/api/v1/workspaces/firm";
  const Answer lead = Get(firm + "/leads/1", owner_);
  ASSERT_EQ(lead.status, 200) << lead.body;
  ASSERT_EQ(lead.body["answers"].size(), 2u) << lead.body;
  const json second = lead.body["answers"][1];
  EXPECT_EQ(second["question_index"], 1);
  EXPECT_EQ(second["label"], "Timeline");
  EXPECT_EQ(second["answer"], "next month");
  EXPECT_TRUE(second["source_message_id"].is_number());
  const std::string answer = firm + "/leads/1/answers/" + std::to_string(second["id"].get<int>());

  const Answer corrected = Patch(answer, {{"answer", "in June"}}, owner_);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.body["answers"][1]["answer"], "in June");
  EXPECT_EQ(corrected.body["answers"][0]["answer"], lead.body["answers"][0]["answer"]);
  const json edit = Get(firm + "/leads/1/edits", owner_).body["edits"][0];
  EXPECT_EQ(edit["field"], "answers[1]");
  EXPECT_EQ(edit["before"], "next month");
  EXPECT_EQ(edit["after"], "in June");

  // The qualified lead's notification quotes the answers as they were given.
  const json n = Get(firm + "/notifications", owner_).body["notifications"][0];
  EXPECT_EQ(n["kind"], "lead_qualified");
  EXPECT_EQ(n["answers"][1], json({{"question", "When do you need it?"},
                                   {"label", "Timeline"},
                                   {"answer", "next month"},
                                   {"value", "next month"}}));
}

TEST_F(LeadE2eTest, TheFilteredLeadsExportWithTheirAnswersAsColumns) {
  ASSERT_TRUE(crm_.AddWorkspace("firm", kFirmAgent));
  ASSERT_TRUE(crm_.AddMember("firm", CrmServer::kOwnerEmail, "owner"));
  std::string ana;
  Customer(ana, "hello", "firm");
  Customer(ana, "=cmd|' /C calc'!A0", "firm");  // a customer's formula stays text
  std::string bruno;
  Customer(bruno, "hi", "firm");
  const std::string firm = "/api/v1/workspaces/firm";
  ASSERT_EQ(Patch(firm + "/leads/1", {{"name", "Ana"}, {"labels", {"vip"}}}, owner_).status, 200);

  const Answer csv = Get(firm + "/leads/export?format=csv", owner_);
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_EQ(csv.headers.find("Content-Type")->second, "text/csv; charset=utf-8");
  const std::string disposition = csv.headers.find("Content-Disposition")->second;
  EXPECT_TRUE(disposition.starts_with("attachment; filename=\"leads-firm-20")) << disposition;
  EXPECT_TRUE(disposition.ends_with(".csv\"")) << disposition;
  const std::string header =
      "\xEF\xBB\xBFName,Channel,Customer id,Labels,Folder,Last activity,"
      "Service,Timeline\r\n";
  EXPECT_TRUE(csv.raw.starts_with(header)) << csv.raw;
  EXPECT_THAT(csv.raw, ::testing::HasSubstr("\r\nAna,web,,vip,open,"));
  EXPECT_THAT(csv.raw, ::testing::HasSubstr(",'=cmd|' /C calc'!A0,\r\n"));
  EXPECT_EQ(std::count(csv.raw.begin(), csv.raw.end(), '\n'), 3);  // the header and two leads

  // The list's filters apply: only the vip.
  const Answer vip = Get(firm + "/leads/export?format=xlsx&label=vip", owner_);
  ASSERT_EQ(vip.status, 200);
  EXPECT_THAT(vip.headers.find("Content-Disposition")->second, ::testing::HasSubstr(".xlsx\""));
  auto rows = spreadsheet::ReadXlsxSheet(vip.raw, std::nullopt, {20, 20, 1000});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fields[0], "Ana");
  EXPECT_EQ((*rows)[1].fields[6], "=cmd|' /C calc'!A0");  // text in a workbook

  EXPECT_EQ(Get(firm + "/leads/export?format=pdf", owner_).status, 400);
  EXPECT_EQ(Get("/api/v1/workspaces/shop/leads/export", owner_).status, 200);  // another's: own
}

TEST_F(LeadE2eTest, BadInputIs400AndChangesNothing) {
  std::string ana;
  Customer(ana, "hello");
  const std::string lead = "/leads/" + OnlyLead();
  const json before = Get(Shop(lead), owner_).body;
  std::vector<std::string> too_many;
  for (int i = 0; i < 21; ++i) too_many.push_back("l" + std::to_string(i));
  for (const json& body :
       {json{{"name", ""}}, json{{"name", "   "}}, json{{"name", 3}},
        json{{"name", std::string(101, 'a')}}, json{{"name", "two\nlines"}},
        json{{"labels", "vip"}}, json{{"labels", {""}}}, json{{"labels", {std::string(41, 'x')}}},
        json{{"labels", {1}}}, json{{"labels", too_many}}, json{{"phone", "+1"}},
        json{{"name", "Fine"}, {"labels", {""}}}}) {
    const Answer r = Patch(Shop(lead), body, owner_);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument") << body;
  }
  // Labels of 40 characters (not bytes), and 20 labels, are fine.
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "\u00e9";
  EXPECT_EQ(Patch(Shop(lead), {{"labels", {forty + "x"}}}, owner_).status, 400);
  std::vector<std::string> twenty(too_many.begin(), too_many.end() - 1);
  twenty[0] = forty;
  EXPECT_EQ(Patch(Shop(lead), {{"labels", twenty}}, owner_).status, 200);
  EXPECT_EQ(Patch(Shop(lead), {{"labels", json::array()}}, owner_).status, 200);
  for (const json& body : {json{{"text", ""}}, json{{"text", std::string(4001, 'n')}},
                           json{{"note", "x"}}, json::array()}) {
    EXPECT_EQ(Post(Shop(lead + "/notes"), body, owner_).status, 400) << body.dump().substr(0, 40);
  }
  EXPECT_EQ(Patch(Shop(lead + "/answers/1"), {{"answer", ""}}, owner_).status, 400);
  const json after = Get(Shop(lead), owner_).body;
  EXPECT_EQ(after["name"], before["name"]);
  EXPECT_EQ(after["labels"], json::array());
  EXPECT_EQ(after["notes"], json::array());
  EXPECT_EQ(Get(Shop(lead + "/edits"), owner_).body["edits"].size(), 2u);  // the two valid ones
}

TEST_F(LeadE2eTest, AnotherWorkspacesLeadIs404ForEveryEndpoint) {
  ASSERT_TRUE(crm_.AddWorkspace("firm", kFirmAgent));
  std::string mine, theirs;
  Customer(mine, "hello");                  // contact 1, of shop
  Customer(theirs, "hello", "firm");        // contact 2, of firm
  Customer(theirs, "a work visa", "firm");  // answer 1, of contact 2
  ASSERT_EQ(Get(Shop("/leads/1"), owner_).status, 200);
  const std::vector<Answer> replies = {
      Get(Shop("/leads/2"), owner_),
      Patch(Shop("/leads/2"), {{"name", "x"}}, owner_),
      Patch(Shop("/leads/2/answers/1"), {{"answer", "x"}}, owner_),
      Patch(Shop("/leads/1/answers/1"), {{"answer", "x"}}, owner_),  // their answer, my lead
      Post(Shop("/leads/2/notes"), {{"text", "x"}}, owner_),
      Get(Shop("/leads/2/edits"), owner_),
      Get(Shop("/leads/x"), owner_),
  };
  for (const Answer& r : replies) {
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.body["error"]["code"], "not_found");
  }
  ASSERT_TRUE(crm_.AddMember("firm", CrmServer::kOwnerEmail, "owner"));
  const json lead = Get("/api/v1/workspaces/firm/leads/2", owner_).body;
  EXPECT_EQ(lead["answers"][0]["answer"], "a work visa");
  EXPECT_EQ(lead["notes"], json::array());
  EXPECT_EQ(Get("/api/v1/workspaces/firm/leads/2/edits", owner_).body["edits"], json::array());
}

}  // namespace
}  // namespace e2e
