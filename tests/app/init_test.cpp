#include "app/init.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/database.h"
#include "testing/temp_dir.h"

namespace app {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class InitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenDatabase("sqlite:" + (dir_ / "fd.db").string(), {}).value();
  }

  WorkspaceFile File(const std::string& csv) {
    WorkspaceFile file;
    file.slug = "demo";
    file.config.greeting = "Hello!";
    file.config.workflow = core::WorkflowKind::kHandoffToHuman;
    std::ofstream(dir_ / "catalog.csv") << csv;
    file.catalog_file = dir_ / "catalog.csv";
    return file;
  }

  testing_support::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(InitTest, CreatesPublishesAndImportsThenUpdates) {
  auto first = InitWorkspace(db_->store(), db_->channel_accounts(),
                             File("name,price\nMug,9.50\nPlate,12\n"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->products, 2u);
  auto published = db_->store().LoadPublished(first->workspace.id);
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(published->config.greeting, "Hello!");

  WorkspaceFile changed = File("name\nBowl\n");
  changed.config.greeting = "Welcome back!";
  auto second = InitWorkspace(db_->store(), db_->channel_accounts(), changed);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->workspace.id, first->workspace.id);
  EXPECT_GT(second->version, first->version);
  EXPECT_EQ(db_->store().LoadPublished(first->workspace.id)->config.greeting, "Welcome back!");
  EXPECT_EQ(db_->store().LoadCatalog(first->workspace.id)->products.size(), 1u);
}

TEST_F(InitTest, ABadCatalogIsRejectedWithLineNumbersAndChangesNothing) {
  auto first = InitWorkspace(db_->store(), db_->channel_accounts(), File("name,price\nMug,9.50\n"));
  ASSERT_TRUE(first.ok());
  WorkspaceFile bad = File("name,price\nBowl,abc\n,3\n");
  bad.config.greeting = "Changed";
  auto second = InitWorkspace(db_->store(), db_->channel_accounts(), bad);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_THAT(second.error().message, HasSubstr("line 2"));
  EXPECT_THAT(second.error().message, HasSubstr("line 3"));
  const auto catalog = db_->store().LoadCatalog(first->workspace.id);
  ASSERT_EQ(catalog->products.size(), 1u);
  EXPECT_EQ(catalog->products[0].name, "Mug");
  EXPECT_EQ(db_->store().LoadPublished(first->workspace.id)->config.greeting, "Hello!");
}

}  // namespace
}  // namespace app
