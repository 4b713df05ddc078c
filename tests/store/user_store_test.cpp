// Users and memberships, on both backends: unique emails, one owner per workspace, roles that
// belong to one workspace; a new password signs out the user's other sessions; expired sessions
// are deleted; failed sign-ins counted per key, in windows.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store_fixture.h"

namespace store {
namespace {

const base::TimePoint kT0 = base::FromMillis(1'767'261'600'000);

class UserStoreTest : public StoreTest {};
FRONTDESK_ON_BOTH_BACKENDS(UserStoreTest);

TEST_P(UserStoreTest, AUserIsFoundByItsNormalizedEmail) {
  auto ana = users_->CreateUser(" Ana@Shop.Example", "$argon2id$hash", kT0);
  ASSERT_TRUE(ana.ok()) << ana.error().message;
  EXPECT_EQ(ana->email, "ana@shop.example");
  auto found = users_->FindUserByEmail("ANA@shop.example");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, ana->id);
  EXPECT_EQ(found->password_hash, "$argon2id$hash");
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(users_->FindUserByEmail("bob@shop.example").error().code, base::ErrorCode::kNotFound);
}

TEST_P(UserStoreTest, AnEmailIsTakenOnceAndMustBeValid) {
  ASSERT_TRUE(users_->CreateUser("ana@shop.example", "h", kT0).ok());
  EXPECT_EQ(users_->CreateUser("ANA@shop.example", "h", kT0).error().code,
            base::ErrorCode::kAlreadyExists);
  EXPECT_EQ(users_->CreateUser("not an email", "h", kT0).error().code,
            base::ErrorCode::kInvalidArgument);
}

TEST_P(UserStoreTest, AWorkspaceHasOneOwnerAndAnyNumberOfCollaborators) {
  const auto ana = users_->CreateUser("ana@shop.example", "h", kT0).value();
  const auto bob = users_->CreateUser("bob@shop.example", "h", kT0).value();
  const auto cy = users_->CreateUser("cy@shop.example", "h", kT0).value();
  ASSERT_TRUE(users_->SetMembership(ws_, bob.id, core::Role::kCollaborator).ok());
  ASSERT_TRUE(users_->SetMembership(ws_, ana.id, core::Role::kOwner).ok());
  ASSERT_TRUE(users_->SetMembership(ws_, cy.id, core::Role::kCollaborator).ok());
  EXPECT_EQ(users_->SetMembership(ws_, bob.id, core::Role::kOwner).error().code,
            base::ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(users_->SetMembership(ws_, ana.id, core::Role::kOwner).ok());  // already hers

  const auto members = users_->ListMembers(ws_).value();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].email, "ana@shop.example");
  EXPECT_EQ(members[0].role, core::Role::kOwner);
  EXPECT_EQ(members[1].email, "bob@shop.example");
  EXPECT_EQ(members[2].email, "cy@shop.example");
  EXPECT_EQ(*users_->RoleIn(ws_, bob.id), core::Role::kCollaborator);
}

TEST_P(UserStoreTest, ARoleBelongsToOneWorkspace) {
  const core::Workspace other{NewWorkspace("other"), "other"};
  const auto ana = users_->CreateUser("ana@shop.example", "h", kT0).value();
  ASSERT_TRUE(users_->SetMembership(ws_, ana.id, core::Role::kOwner).ok());
  EXPECT_EQ(users_->RoleIn(other.id, ana.id).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(users_->ListMembers(other.id)->empty());
  // Her own workspace's owner may also be a collaborator elsewhere.
  ASSERT_TRUE(users_->SetMembership(other.id, ana.id, core::Role::kCollaborator).ok());
  EXPECT_EQ(*users_->RoleIn(other.id, ana.id), core::Role::kCollaborator);
  EXPECT_EQ(*users_->RoleIn(ws_, ana.id), core::Role::kOwner);
}

TEST_P(UserStoreTest, ACollaboratorCanBeRemovedButNeverTheOwner) {
  const auto ana = users_->CreateUser("ana@shop.example", "h", kT0).value();
  const auto bob = users_->CreateUser("bob@shop.example", "h", kT0).value();
  ASSERT_TRUE(users_->SetMembership(ws_, ana.id, core::Role::kOwner).ok());
  ASSERT_TRUE(users_->SetMembership(ws_, bob.id, core::Role::kCollaborator).ok());
  ASSERT_TRUE(users_->RemoveMembership(ws_, bob.id).ok());
  EXPECT_EQ(users_->RoleIn(ws_, bob.id).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(users_->RemoveMembership(ws_, bob.id).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(users_->RemoveMembership(ws_, ana.id).error().code,
            base::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(*users_->RoleIn(ws_, ana.id), core::Role::kOwner);
}

TEST_P(UserStoreTest, MembershipsNeedAKnownUserAndWorkspace) {
  const auto ana = users_->CreateUser("ana@shop.example", "h", kT0).value();
  EXPECT_EQ(users_->SetMembership(ws_, 4242, core::Role::kOwner).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(users_->SetMembership(4242, ana.id, core::Role::kOwner).error().code,
            base::ErrorCode::kNotFound);
}

core::Session SessionOf(const core::User& user, const std::string& token_hash,
                        base::TimePoint expires_at) {
  return {token_hash, user.id, "csrf-" + token_hash, kT0, expires_at};
}

TEST_P(UserStoreTest, ANewPasswordSignsOutEveryOtherSessionOfTheUserOnly) {
  const auto ana = users_->CreateUser("ana@shop.example", "old hash", kT0).value();
  const auto bob = users_->CreateUser("bob@shop.example", "h", kT0).value();
  const base::TimePoint later = kT0 + std::chrono::hours{1};
  for (const char* hash : {"ana-laptop", "ana-phone", "ana-tablet"}) {
    ASSERT_TRUE(users_->CreateSession(SessionOf(ana, hash, later)).ok());
  }
  ASSERT_TRUE(users_->CreateSession(SessionOf(bob, "bob-laptop", later)).ok());
  ASSERT_TRUE(users_->CreateApiToken({0, ana.id, "export", "token-hash", kT0}).ok());

  ASSERT_TRUE(users_->SetPassword(ana.id, "new hash", std::string("ana-phone")).ok());
  EXPECT_EQ(users_->FindUser(ana.id)->password_hash, "new hash");
  EXPECT_EQ(users_->FindSession("ana-laptop", kT0).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(users_->FindSession("ana-tablet", kT0).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(users_->FindSession("ana-phone", kT0).ok());
  EXPECT_TRUE(users_->FindSession("bob-laptop", kT0).ok());
  EXPECT_TRUE(users_->FindApiToken("token-hash").ok());
  EXPECT_EQ(users_->FindUser(bob.id)->password_hash, "h");

  // Without a session to keep (the change came with an API token), every one ends.
  ASSERT_TRUE(users_->SetPassword(ana.id, "newer hash", std::nullopt).ok());
  EXPECT_EQ(users_->FindSession("ana-phone", kT0).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(users_->SetPassword(4242, "h", std::nullopt).error().code, base::ErrorCode::kNotFound);
}

TEST_P(UserStoreTest, SessionsExpiredAtNowAreDeletedAndTheOthersStay) {
  const auto ana = users_->CreateUser("ana@shop.example", "h", kT0).value();
  const base::TimePoint t1 = kT0 + std::chrono::hours{1};
  const base::TimePoint t2 = kT0 + std::chrono::hours{2};
  ASSERT_TRUE(users_->CreateSession(SessionOf(ana, "ends-at-t1", t1)).ok());
  ASSERT_TRUE(users_->CreateSession(SessionOf(ana, "ends-at-t2", t2)).ok());

  EXPECT_EQ(users_->DeleteExpiredSessions(t1 - std::chrono::milliseconds{1}).value(), 0u);
  EXPECT_EQ(users_->DeleteExpiredSessions(t1).value(), 1u);  // it ends at t1: expired then
  // Gone from the table, not merely expired: it is not found even at a time it was valid.
  EXPECT_EQ(users_->FindSession("ends-at-t1", kT0).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(users_->FindSession("ends-at-t2", t1).ok());
  EXPECT_EQ(users_->DeleteExpiredSessions(t1).value(), 0u);
}

TEST_P(UserStoreTest, FailedSignInsAreCountedPerKeyInWindowsFromTheFirst) {
  using namespace std::chrono_literals;
  constexpr base::Duration kWindow = 15min;
  EXPECT_EQ(users_->FailedSignIns("email:ana", kT0, kWindow)->count, 0);
  ASSERT_TRUE(users_->RecordFailedSignIn("email:ana", kT0, kWindow).ok());
  ASSERT_TRUE(users_->RecordFailedSignIn("email:ana", kT0 + 10min, kWindow).ok());
  ASSERT_TRUE(users_->RecordFailedSignIn("client:10.0.0.1", kT0 + 10min, kWindow).ok());
  const core::SignInFailures ana = users_->FailedSignIns("email:ana", kT0 + 10min, kWindow).value();
  EXPECT_EQ(ana.count, 2);
  EXPECT_EQ(ana.first, kT0);
  EXPECT_EQ(users_->FailedSignIns("client:10.0.0.1", kT0 + 10min, kWindow)->count, 1);
  // The window began with the first failure: it is over 15 minutes later, and a failure then
  // opens a new one.
  EXPECT_EQ(users_->FailedSignIns("email:ana", kT0 + 15min, kWindow)->count, 0);
  ASSERT_TRUE(users_->RecordFailedSignIn("email:ana", kT0 + 16min, kWindow).ok());
  const core::SignInFailures again =
      users_->FailedSignIns("email:ana", kT0 + 16min, kWindow).value();
  EXPECT_EQ(again.count, 1);
  EXPECT_EQ(again.first, kT0 + 16min);
  ASSERT_TRUE(users_->ClearFailedSignIns("email:ana").ok());
  EXPECT_EQ(users_->FailedSignIns("email:ana", kT0 + 16min, kWindow)->count, 0);
  EXPECT_EQ(users_->FailedSignIns("client:10.0.0.1", kT0 + 16min, kWindow)->count,
            1);  // still open
}

TEST_P(UserStoreTest, FailuresRecordedAtOnceAreAllCounted) {
  using namespace std::chrono_literals;
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        EXPECT_TRUE(users_->RecordFailedSignIn("email:ana", kT0, 15min).ok());
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(users_->FailedSignIns("email:ana", kT0, 15min)->count, 40);
}

}  // namespace
}  // namespace store
