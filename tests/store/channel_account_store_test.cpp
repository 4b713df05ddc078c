// Channel accounts, on both backends: routed by (channel, account id) across workspaces, each
// belonging to one workspace, listed and deleted by their own workspace only.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace store {
namespace {

class ChannelAccountStoreTest : public StoreTest {
 protected:
  core::ChannelAccount Account(std::string id = "106540352242922") {
    core::ChannelAccount a;
    a.workspace_id = ws_;
    a.channel = core::Channel::kWhatsapp;
    a.account_id = std::move(id);
    a.access_token = "token";
    a.app_secret = "secret";
    a.verify_token = "verify";
    return a;
  }
};
FRONTDESK_ON_BOTH_BACKENDS(ChannelAccountStoreTest);

TEST_P(ChannelAccountStoreTest, AccountsRouteAcrossWorkspacesAndBelongToOne) {
  ASSERT_TRUE(accounts_->SaveChannelAccount(Account()).ok());
  auto found = accounts_->FindChannelAccount(core::Channel::kWhatsapp, "106540352242922");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->workspace_id, ws_);
  EXPECT_EQ(found->app_secret, "secret");
  EXPECT_EQ(found->status, core::ChannelStatus::kConnected);

  const std::int64_t other = NewWorkspace("other");
  core::ChannelAccount stolen = Account();
  stolen.workspace_id = other;
  auto refused = accounts_->SaveChannelAccount(stolen);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kAlreadyExists);

  ASSERT_TRUE(accounts_
                  ->SetChannelStatus(core::Channel::kWhatsapp, "106540352242922",
                                     core::ChannelStatus::kReconnectionNeeded)
                  .ok());
  EXPECT_EQ(accounts_->ListChannelAccounts(core::Channel::kWhatsapp)->at(0).status,
            core::ChannelStatus::kReconnectionNeeded);
  EXPECT_TRUE(accounts_->ListChannelAccounts(core::Channel::kMessenger)->empty());
  EXPECT_EQ(
      accounts_->FindChannelAccount(core::Channel::kMessenger, "106540352242922").error().code,
      base::ErrorCode::kNotFound);
}

TEST_P(ChannelAccountStoreTest, AWorkspaceListsAndDeletesOnlyItsOwnAccounts) {
  core::ChannelAccount page = Account("page-1");
  page.channel = core::Channel::kMessenger;
  ASSERT_TRUE(accounts_->SaveChannelAccount(page).ok());
  ASSERT_TRUE(accounts_->SaveChannelAccount(Account("number-2")).ok());
  ASSERT_TRUE(accounts_->SaveChannelAccount(Account("number-1")).ok());
  const std::int64_t other = NewWorkspace("other");
  core::ChannelAccount theirs = Account("number-9");
  theirs.workspace_id = other;
  ASSERT_TRUE(accounts_->SaveChannelAccount(theirs).ok());

  auto mine = accounts_->ListWorkspaceChannelAccounts(ws_);
  ASSERT_TRUE(mine.ok());
  std::vector<std::string> ids;
  for (const core::ChannelAccount& a : *mine) ids.push_back(a.account_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"page-1", "number-1", "number-2"}));  // by channel

  EXPECT_EQ(accounts_->DeleteChannelAccount(ws_, core::Channel::kWhatsapp, "number-9").error().code,
            base::ErrorCode::kNotFound);  // another workspace's
  EXPECT_EQ(
      accounts_->DeleteChannelAccount(ws_, core::Channel::kMessenger, "number-1").error().code,
      base::ErrorCode::kNotFound);  // another channel's
  ASSERT_TRUE(accounts_->DeleteChannelAccount(ws_, core::Channel::kWhatsapp, "number-1").ok());
  EXPECT_EQ(accounts_->ListWorkspaceChannelAccounts(ws_)->size(), 2u);
  EXPECT_EQ(accounts_->ListWorkspaceChannelAccounts(other)->size(), 1u);
  EXPECT_TRUE(accounts_->ListWorkspaceChannelAccounts(12345)->empty());
}

}  // namespace
}  // namespace store
