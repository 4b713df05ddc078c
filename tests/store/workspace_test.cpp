#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace store {
namespace {

using WorkspaceTest = StoreTest;
using ValueTest = StoreTest;

TEST_P(WorkspaceTest, CreatedWorkspaceIsFoundBySlug) {
  base::Result<core::Workspace> created = store_->CreateWorkspace("bakery-2");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->slug, "bakery-2");
  EXPECT_NE(created->id, ws_);
  base::Result<core::Workspace> found = store_->FindWorkspace("bakery-2");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->slug, "bakery-2");
}

TEST_P(WorkspaceTest, DuplicateSlugIsAlreadyExists) {
  base::Result<core::Workspace> again = store_->CreateWorkspace("acme");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, base::ErrorCode::kAlreadyExists);
}

TEST_P(WorkspaceTest, InvalidSlugIsRejectedAndNothingCreated) {
  for (const std::string& slug :
       std::vector<std::string>{"", "-acme", "acme-", "Acme", "a b", std::string(64, 'a')}) {
    base::Result<core::Workspace> created = store_->CreateWorkspace(slug);
    ASSERT_FALSE(created.ok()) << slug;
    EXPECT_EQ(created.error().code, base::ErrorCode::kInvalidArgument) << slug;
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM workspaces"), 1);
}

TEST_P(WorkspaceTest, UnknownSlugIsNotFound) {
  base::Result<core::Workspace> found = store_->FindWorkspace("nobody");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, base::ErrorCode::kNotFound);
}

TEST_P(ValueTest, PutThenGetAndOverwrite) {
  EXPECT_EQ(store_->GetValue(ws_, "clock").value(), std::nullopt);
  ASSERT_TRUE(store_->PutValue(ws_, "clock", "1000").ok());
  EXPECT_EQ(store_->GetValue(ws_, "clock").value(), "1000");
  ASSERT_TRUE(store_->PutValue(ws_, "clock", "2000").ok());
  EXPECT_EQ(store_->GetValue(ws_, "clock").value(), "2000");
}

TEST_P(ValueTest, ValuesAreIsolatedPerWorkspace) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  ASSERT_TRUE(store_->PutValue(ws_, "clock", "1000").ok());
  EXPECT_EQ(store_->GetValue(other, "clock").value(), std::nullopt);
}

TEST_P(ValueTest, PutInUnknownWorkspaceIsNotFound) {
  base::Status put = store_->PutValue(ws_ + 100, "clock", "1");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, base::ErrorCode::kNotFound);
}

TEST_P(ValueTest, ValuesSurviveReopen) {
  ASSERT_TRUE(store_->PutValue(ws_, "clock", "42").ok());
  Reopen();
  EXPECT_EQ(store_->GetValue(ws_, "clock").value(), "42");
}

FRONTDESK_ON_BOTH_BACKENDS(WorkspaceTest);
FRONTDESK_ON_BOTH_BACKENDS(ValueTest);

}  // namespace
}  // namespace store
