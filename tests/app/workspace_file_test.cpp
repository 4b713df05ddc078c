#include "app/workspace_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.h"

namespace app {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class WorkspaceFileTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  testing_support::TempDir dir_;
};

constexpr const char* kMinimal = R"(slug = "demo"
[agent]
greeting = "Hello!"
workflow = "handoff_to_human"
)";

TEST_F(WorkspaceFileTest, ReadsAMinimalFileWithDefaults) {
  auto file = ReadWorkspaceFile(Write("w.toml", kMinimal));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->slug, "demo");
  EXPECT_EQ(file->config.greeting, "Hello!");
  EXPECT_EQ(file->config.pause, core::kDefaultPause);
  EXPECT_EQ(file->config.debounce, core::kDefaultDebounce);
  EXPECT_EQ(file->config.brain, core::BrainKind::kLocal);
  EXPECT_TRUE(file->config.ask_contact_details);
  EXPECT_FALSE(file->catalog_file);
}

TEST_F(WorkspaceFileTest, AskingForContactDetailsBeforeAHandoffCanBeTurnedOff) {
  auto file = ReadWorkspaceFile(
      Write("off.toml", std::string(kMinimal) + "[settings]\nask_contact_details = false\n"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_FALSE(file->config.ask_contact_details);
  auto bad = ReadWorkspaceFile(
      Write("bad.toml", std::string(kMinimal) + "[settings]\nask_contact_details = \"no\"\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message,
              HasSubstr("bad.toml:6: settings.ask_contact_details: must be true or false"));
}

TEST_F(WorkspaceFileTest, TheAgentMayThinkWithTheInstancesLanguageModel) {
  auto file = ReadWorkspaceFile(Write("llm.toml", std::string(kMinimal) + "brain = \"llm\"\n"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->config.brain, core::BrainKind::kLlm);
  auto bad = ReadWorkspaceFile(Write("bad.toml", std::string(kMinimal) + "brain = \"gpt\"\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("bad.toml:5: agent.brain: must be local or llm"));
}

TEST_F(WorkspaceFileTest, QuestionsHaveTypesChoicesAndMayBeOptional) {
  auto file = ReadWorkspaceFile(Write("typed.toml", std::string(kMinimal) + R"(
[[questions]]
text = "Which service?"
type = "choice"
choices = ["Tune-up", "Brake repair"]
[[questions]]
text = "Budget?"
type = "amount"
optional = true
[[questions]]
text = "Anything else?"
)"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_EQ(file->config.questions.size(), 3u);
  EXPECT_EQ(
      file->config.questions[0],
      (core::Question{
          "Which service?", "", core::QuestionType::kChoice, {"Tune-up", "Brake repair"}, false}));
  EXPECT_EQ(file->config.questions[1],
            (core::Question{"Budget?", "", core::QuestionType::kAmount, {}, true}));
  EXPECT_EQ(file->config.questions[2].type, core::QuestionType::kText);

  auto bad = ReadWorkspaceFile(Write("bad.toml", std::string(kMinimal) + R"(
[[questions]]
text = "Which?"
type = "colour"
optional = "yes"
)"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("bad.toml:8: questions[0].type: must be text, "
                                             "email, phone, number, amount, date or choice"));
  EXPECT_THAT(bad.error().message, HasSubstr("bad.toml:9: questions[0].optional: must be true "
                                             "or false"));
}

TEST_F(WorkspaceFileTest, ReadsBothExamplesCompletely) {
  for (const char* example : {"shop", "firm"}) {
    auto file =
        ReadWorkspaceFile(fs::path(FRONTDESK_SOURCE_DIR) / "examples" / example / "workspace.toml");
    ASSERT_TRUE(file.ok()) << example << ": " << file.error().message;
    EXPECT_FALSE(file->config.business_context.empty());
    EXPECT_TRUE(file->catalog_file && fs::exists(*file->catalog_file));
    EXPECT_TRUE(file->config.translations.contains(core::Language::kEs));
    EXPECT_TRUE(file->config.translations.contains(core::Language::kPt));
  }
}

TEST_F(WorkspaceFileTest, ErrorsNameTheFileLineAndKey) {
  auto file = ReadWorkspaceFile(Write("bad.toml", R"(slug = "demo"
[agent]
greeting = "Hello!"
workflow = "sell_everything"
[settings]
pause = "15 minutes"
debounce = 2
[agent2]
)"));
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, base::ErrorCode::kInvalidArgument);
  const std::string& m = file.error().message;
  EXPECT_THAT(m, HasSubstr("bad.toml:4: agent.workflow: must be handoff_to_human or "
                           "qualify_and_transfer"));
  EXPECT_THAT(m, HasSubstr("bad.toml:6: settings.pause: invalid duration"));
  EXPECT_THAT(m, HasSubstr("bad.toml:7: settings.debounce: must be a string"));
  EXPECT_THAT(m, HasSubstr("bad.toml:8: agent2: unknown key"));
}

TEST_F(WorkspaceFileTest, SyntaxErrorsNameTheLine) {
  auto file = ReadWorkspaceFile(Write("syntax.toml", "slug = \"demo\"\n[agent\n"));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message, HasSubstr("syntax.toml:2: syntax:"));
}

TEST_F(WorkspaceFileTest, PublishValidationNamesEveryMissingKey) {
  auto file = ReadWorkspaceFile(Write("w.toml",
                                      "slug = \"demo\"\n[agent]\n"
                                      "workflow = \"qualify_and_transfer\"\n"));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message, HasSubstr("agent.greeting: is required"));
  EXPECT_THAT(file.error().message, HasSubstr("questions: qualify_and_transfer needs"));
}

TEST_F(WorkspaceFileTest, LimitsNameTheFilesKeys) {
  auto file = ReadWorkspaceFile(
      Write("w.toml", "slug = \"demo\"\n[company]\nname = \"" + std::string(201, 'n') +
                          "\"\nsocial_links = [\"ok\", \"" + std::string(201, 'l') +
                          "\"]\n[agent]\ngreeting = \"Hi\"\nworkflow = \"handoff_to_human\"\n"));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message, HasSubstr("company.name: at most 200 characters"));
  EXPECT_THAT(file.error().message, HasSubstr("company.social_links[1]: at most 200 characters"));
}

TEST_F(WorkspaceFileTest, SlugIsRequiredAndChecked) {
  auto missing = ReadWorkspaceFile(Write("a.toml", "[agent]\ngreeting = \"x\"\n"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message, HasSubstr("slug: is required"));
  auto bad = ReadWorkspaceFile(Write("b.toml", "slug = \"Not Valid\"\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("b.toml:1: slug:"));
}

TEST_F(WorkspaceFileTest, NeverPauseAndContextFile) {
  Write("ctx.md", "Open 9 to 5.");
  auto file =
      ReadWorkspaceFile(Write("w.toml", std::string(kMinimal) + "[settings]\npause = \"never\"\n"
                                                                "[context]\nfile = \"ctx.md\"\n"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_FALSE(file->config.pause);
  EXPECT_EQ(file->config.business_context, "Open 9 to 5.");
  auto missing = ReadWorkspaceFile(
      Write("w2.toml", std::string(kMinimal) + "[context]\nfile = \"nope.md\"\n"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message, HasSubstr("context.file: cannot read 'nope.md'"));
}

TEST_F(WorkspaceFileTest, TheCatalogIsACsvFileOrAWorkbooksSheet) {
  auto xlsx = ReadWorkspaceFile(Write(
      "x.toml", std::string(kMinimal) + "[catalog]\nxlsx = \"shop.xlsx\"\nsheet = \"Products\"\n"));
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->catalog_file->filename(), "shop.xlsx");
  EXPECT_EQ(xlsx->catalog_sheet, "Products");

  auto both = ReadWorkspaceFile(
      Write("b.toml", std::string(kMinimal) + "[catalog]\ncsv = \"a.csv\"\nxlsx = \"b.xlsx\"\n"));
  ASSERT_FALSE(both.ok());
  EXPECT_THAT(both.error().message, HasSubstr("catalog: give csv or xlsx, not both"));
  auto sheet_of_csv = ReadWorkspaceFile(
      Write("s.toml", std::string(kMinimal) + "[catalog]\ncsv = \"a.csv\"\nsheet = \"P\"\n"));
  ASSERT_FALSE(sheet_of_csv.ok());
  EXPECT_THAT(sheet_of_csv.error().message, HasSubstr("catalog.sheet: names a sheet of xlsx"));
}

TEST_F(WorkspaceFileTest, TranslationsMustBeKnownLanguages) {
  auto file = ReadWorkspaceFile(
      Write("w.toml", std::string(kMinimal) + "[translations.fr]\ngreeting = \"Salut\"\n"));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error().message,
              HasSubstr("translations.fr: must be a table named en, es or pt"));
}

}  // namespace
}  // namespace app
