// Signing in against a real SQLite store and a fake clock: sessions, CSRF, expiry, API tokens, the
// limit on failed sign-ins, and changing a password.
#include "api/auth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/password.h"
#include "store/database.h"
#include "testing/temp_dir.h"
#include "testing/test_database.h"

namespace api {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr const char* kPassword = "correct horse battery";

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenDatabase(database_.url(), {}).value();
    ana_ = db_->users()
               .CreateUser("ana@shop.example", HashPassword(kPassword).value(), clock_.Now())
               .value();
    auth_ = std::make_unique<Auth>(db_->users(), clock_);
  }

  Credentials Session(const SignedIn& s, bool changes_state, bool with_csrf) {
    Credentials c;
    c.session_token = s.session_token;
    if (with_csrf) c.csrf_token = s.csrf_token;
    c.changes_state = changes_state;
    return c;
  }

  testing_support::TempDir dir_;
  testing_support::TestDatabase database_{dir_.path()};
  base::FakeClock clock_{base::FromMillis(1'767'261'600'000)};
  std::unique_ptr<store::Database> db_;
  core::User ana_;
  std::unique_ptr<Auth> auth_;
};

TEST_F(AuthTest, ASessionReadsFreelyAndChangesStateOnlyWithItsCsrfToken) {
  auto s = auth_->SignIn("Ana@Shop.Example", kPassword, "10.0.0.1");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->user.id, ana_.id);
  EXPECT_EQ(s->expires_at, clock_.Now() + 7 * 24h);
  EXPECT_NE(s->session_token, s->csrf_token);

  auto reading = auth_->Authenticate(Session(*s, false, false));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_EQ(reading->user.email, "ana@shop.example");
  EXPECT_EQ(auth_->Authenticate(Session(*s, true, false)).error().code,
            base::ErrorCode::kPermissionDenied);
  Credentials forged = Session(*s, true, false);
  forged.csrf_token = s->csrf_token.substr(1);
  EXPECT_EQ(auth_->Authenticate(forged).error().code, base::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(auth_->Authenticate(Session(*s, true, true)).ok());
}

TEST_F(AuthTest, OnlyAHashOfTheSessionTokenIsStored) {
  auto s = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  EXPECT_FALSE(db_->users().FindSession(s.session_token, clock_.Now()).ok());
  EXPECT_TRUE(db_->users().FindSession(HashToken(s.session_token), clock_.Now()).ok());
}

TEST_F(AuthTest, AnUnknownEmailAndAWrongPasswordLookTheSame) {
  auto wrong = auth_->SignIn("ana@shop.example", "not the password", "10.0.0.1");
  auto unknown = auth_->SignIn("bob@shop.example", kPassword, "10.0.0.1");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, base::ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AuthTest, SessionsEndWhenTheyExpireOrSignOut) {
  auto first = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  auto second = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  ASSERT_TRUE(auth_->SignOut(first.session_token).ok());
  EXPECT_EQ(auth_->Authenticate(Session(first, false, false)).error().code,
            base::ErrorCode::kUnauthenticated);
  EXPECT_TRUE(auth_->Authenticate(Session(second, false, false)).ok());  // another browser
  clock_.Advance(7 * 24h);
  EXPECT_EQ(auth_->Authenticate(Session(second, false, false)).error().code,
            base::ErrorCode::kUnauthenticated);
  EXPECT_EQ(auth_->Authenticate({}).error().code, base::ErrorCode::kUnauthenticated);
}

TEST_F(AuthTest, FailedSignInsAreLimitedPerEmailUntilTheWindowEnds) {
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    EXPECT_EQ(auth_->SignIn("ana@shop.example", "guess " + n, "10.0.0." + n).error().code,
              base::ErrorCode::kUnauthenticated);
  }
  // Even the right password is refused now, from anywhere.
  auto refused = auth_->SignIn("ana@shop.example", kPassword, "10.9.9.9");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kResourceExhausted);
  EXPECT_THAT(refused.error().message, HasSubstr("try again in 900 s"));
  clock_.Advance(15min);
  EXPECT_TRUE(auth_->SignIn("ana@shop.example", kPassword, "10.9.9.9").ok());
}

TEST_F(AuthTest, FailedSignInsAreLimitedPerClientAcrossEmails) {
  for (int i = 0; i < 5; ++i) {
    (void)auth_->SignIn("user" + std::to_string(i) + "@shop.example", kPassword, "10.0.0.7");
  }
  EXPECT_EQ(auth_->SignIn("ana@shop.example", kPassword, "10.0.0.7").error().code,
            base::ErrorCode::kResourceExhausted);
  EXPECT_TRUE(auth_->SignIn("ana@shop.example", kPassword, "10.0.0.8").ok());
}

TEST_F(AuthTest, InstancesBehindOneLoadBalancerShareTheLimit) {
  // A second server on the same database: its own Auth, its own connections.
  auto other_db = store::OpenDatabase(database_.url(), {}).value();
  Auth other(other_db->users(), clock_);
  for (int i = 0; i < 5; ++i) {
    Auth& server = i % 2 == 0 ? *auth_ : other;
    EXPECT_EQ(
        server.SignIn("ana@shop.example", "guess", "10.0.0." + std::to_string(i)).error().code,
        base::ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(other.SignIn("ana@shop.example", kPassword, "10.9.9.9").error().code,
            base::ErrorCode::kResourceExhausted);
  EXPECT_EQ(auth_->SignIn("ana@shop.example", kPassword, "10.9.9.9").error().code,
            base::ErrorCode::kResourceExhausted);
}

TEST_F(AuthTest, AnApiTokenAuthenticatesWithoutCsrfAndIsStoredHashed) {
  auto created = auth_->CreateApiToken(ana_.id, "nightly export");
  ASSERT_TRUE(created.ok()) << created.error().message;
  const auto& [token, secret] = *created;
  EXPECT_THAT(secret, ::testing::StartsWith("fdt_"));
  EXPECT_EQ(token.token_hash, HashToken(secret));
  // SHA-256, by an independent computation (Python's hashlib).
  EXPECT_EQ(HashToken("fdt_example"),
            "41c0a739425cf13c0fc2ec2730865d94a3451ff21d52feeb0d5fe2b4fb16ca2f");
  Credentials bearer;
  bearer.bearer_token = secret;
  bearer.changes_state = true;
  auto caller = auth_->Authenticate(bearer);
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_EQ(caller->user.id, ana_.id);
  EXPECT_FALSE(caller->session.has_value());
  EXPECT_EQ(caller->api_token_id, token.id);  // what revoking it ends (LiveFeed::EndApiToken)

  bearer.bearer_token = secret + "x";
  EXPECT_EQ(auth_->Authenticate(bearer).error().code, base::ErrorCode::kUnauthenticated);
  ASSERT_TRUE(db_->users().DeleteApiToken(ana_.id, token.id).ok());
  bearer.bearer_token = secret;
  EXPECT_EQ(auth_->Authenticate(bearer).error().code, base::ErrorCode::kUnauthenticated);
  EXPECT_EQ(auth_->CreateApiToken(ana_.id, "").error().code, base::ErrorCode::kInvalidArgument);
}

constexpr const char* kNewPassword = "a brand new secret";

TEST_F(AuthTest, ANewPasswordKeepsThisSessionAndTheApiTokensAndEndsTheOtherSessions) {
  auto here = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  auto there = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.2").value();
  const std::string script = auth_->CreateApiToken(ana_.id, "export").value().second;
  const Caller caller = auth_->Authenticate(Session(here, true, true)).value();

  const base::Status changed = auth_->ChangePassword(caller, kPassword, kNewPassword, "10.0.0.1");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_TRUE(auth_->Authenticate(Session(here, false, false)).ok());
  EXPECT_EQ(auth_->Authenticate(Session(there, false, false)).error().code,
            base::ErrorCode::kUnauthenticated);
  Credentials bearer;
  bearer.bearer_token = script;
  EXPECT_TRUE(auth_->Authenticate(bearer).ok());
  EXPECT_EQ(auth_->SignIn("ana@shop.example", kPassword, "10.0.0.3").error().code,
            base::ErrorCode::kUnauthenticated);
  EXPECT_TRUE(auth_->SignIn("ana@shop.example", kNewPassword, "10.0.0.3").ok());
  EXPECT_TRUE(VerifyPassword(db_->users().FindUser(ana_.id)->password_hash, kNewPassword));
}

TEST_F(AuthTest, ANewPasswordSetWithAnApiTokenEndsEverySession) {
  auto session = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  Credentials bearer;
  bearer.bearer_token = auth_->CreateApiToken(ana_.id, "export").value().second;
  const Caller caller = auth_->Authenticate(bearer).value();
  ASSERT_TRUE(auth_->ChangePassword(caller, kPassword, kNewPassword, "10.0.0.1").ok());
  EXPECT_EQ(auth_->Authenticate(Session(session, false, false)).error().code,
            base::ErrorCode::kUnauthenticated);
  EXPECT_TRUE(auth_->Authenticate(bearer).ok());
}

TEST_F(AuthTest, ANewPasswordFollowsTheRulesOfEveryPassword) {
  auto here = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  const Caller caller = auth_->Authenticate(Session(here, true, true)).value();
  const base::Status short_one = auth_->ChangePassword(caller, kPassword, "short", "10.0.0.1");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(short_one.error().message, CheckNewPassword("short").error().message);
  EXPECT_EQ(auth_->ChangePassword(caller, kPassword, "            ", "10.0.0.1").error().code,
            base::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(VerifyPassword(db_->users().FindUser(ana_.id)->password_hash, kPassword));
}

TEST_F(AuthTest, WrongCurrentPasswordsCountAsFailedSignIns) {
  auto here = auth_->SignIn("ana@shop.example", kPassword, "10.0.0.1").value();
  const Caller caller = auth_->Authenticate(Session(here, true, true)).value();
  const base::Status wrong =
      auth_->ChangePassword(caller, "a wrong guess", kNewPassword, "10.0.0.1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, base::ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.error().message, "the current password is wrong");
  for (int i = 0; i < 4; ++i) {
    (void)auth_->ChangePassword(caller, "guess " + std::to_string(i), kNewPassword,
                                "10.0.0." + std::to_string(i + 2));
  }
  // The user's email is refused now, for a password change as for a sign-in, even with the
  // right password.
  const base::Status refused = auth_->ChangePassword(caller, kPassword, kNewPassword, "10.9.9.9");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kResourceExhausted);
  EXPECT_THAT(refused.error().message, HasSubstr("try again in 900 s"));
  EXPECT_EQ(auth_->SignIn("ana@shop.example", kPassword, "10.9.9.9").error().code,
            base::ErrorCode::kResourceExhausted);
  clock_.Advance(15min);
  EXPECT_TRUE(auth_->ChangePassword(caller, kPassword, kNewPassword, "10.9.9.9").ok());
  EXPECT_TRUE(VerifyPassword(db_->users().FindUser(ana_.id)->password_hash, kNewPassword));
}

}  // namespace
}  // namespace api
