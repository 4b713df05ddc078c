// Test support: a fresh database (testing/test_database.h: SQLite in a temporary directory of its
// own, or the run's PostgreSQL) holding the workspace "shop", and a web chat handoff committed in
// it as the engine would commit one. For test binaries that link frontdesk_store.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "core/channel_account.h"
#include "core/store.h"
#include "store/database.h"
#include "testing/temp_dir.h"
#include "testing/test_database.h"

namespace testing_support {

struct ShopStore {
  TempDir dir;
  TestDatabase database{dir.path()};
  std::unique_ptr<store::Database> db =
      store::OpenDatabase(database.url(), {.media_directory = (dir / "media").string()}).value();
  std::int64_t workspace_id = db->store().CreateWorkspace("shop")->id;
};

// The WhatsApp number and the Messenger page of the payloads in tests/data.
inline constexpr const char* kFixturePhoneId = "106540352242922";
inline constexpr const char* kFixturePageId = "109876543210987";

// Connects the fixtures' WhatsApp number and Messenger page to workspace `ws`, with `token` and
// `app_id` (which tells the app's own echoes apart). A refusal fails the test.
inline void ConnectFixtureAccounts(core::ChannelAccounts& accounts, std::int64_t ws,
                                   const std::string& token, const std::string& app_id = "") {
  for (auto [channel, id] : {std::pair{core::Channel::kWhatsapp, kFixturePhoneId},
                             std::pair{core::Channel::kMessenger, kFixturePageId}}) {
    core::ChannelAccount a;
    a.workspace_id = ws;
    a.channel = channel;
    a.account_id = id;
    a.access_token = token;
    a.app_id = app_id;
    ASSERT_TRUE(accounts.SaveChannelAccount(a).ok());
  }
}

// The visitor's message `text` at `at` and the handoff notification it caused (reason `reason`,
// the visitor as the customer's name), committed on the visitor's web chat conversation of
// workspace `ws`. Returns the decision as stored; a refusal fails the test.
inline core::Decision CommitHandoff(core::Store& store, std::int64_t ws, const std::string& visitor,
                                    const std::string& text, core::HandoffReason reason,
                                    base::TimePoint at) {
  auto snapshot = store.OpenConversation({ws, core::Channel::kWeb, visitor}, 10);
  EXPECT_TRUE(snapshot.ok());
  if (!snapshot.ok()) return {};
  core::Decision d;
  d.conversation = snapshot->conversation;
  d.messages = {{0, 0, core::Author::kCustomer, text, at, 0}};
  core::Notification n;
  n.kind = core::NotificationKind::kHandoff;
  n.reason = reason;
  n.customer_name = visitor;
  n.last_messages = {"customer: " + text};
  n.at = at;
  d.notifications = {n};
  auto committed = store.Commit(ws, d);
  EXPECT_TRUE(committed.ok()) << committed.error().message;
  return committed.ok() ? *committed : core::Decision{};
}

}  // namespace testing_support
