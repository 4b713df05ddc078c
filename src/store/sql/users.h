// The core::Users adapter both backends share: users, memberships, sessions and API tokens in
// the SQL both run. `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in
// users.cpp): it runs each call on one of its connections (Writing, Reading).
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/user.h"

namespace store::sql {

template <typename Backend>
class Users final : public core::Users {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit Users(Backend& backend) : backend_(backend) {}

  base::Result<core::User> CreateUser(std::string_view email, const std::string& password_hash,
                                      base::TimePoint at) override;
  base::Result<core::User> FindUserByEmail(std::string_view email) override;
  base::Status SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                             core::Role role) override;
  base::Status RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) override;
  base::Result<core::Role> RoleIn(std::int64_t workspace_id, std::int64_t user_id) override;
  base::Result<std::vector<core::Member>> ListMembers(std::int64_t workspace_id) override;
  base::Result<core::User> FindUser(std::int64_t user_id) override;
  base::Result<std::vector<core::Membership>> ListMemberships(std::int64_t user_id) override;
  base::Status SetPassword(std::int64_t user_id, const std::string& password_hash,
                           const std::optional<std::string>& kept_session) override;
  base::Status CreateSession(const core::Session& session) override;
  base::Result<core::Session> FindSession(const std::string& token_hash,
                                          base::TimePoint now) override;
  base::Status DeleteSession(const std::string& token_hash) override;
  base::Result<std::size_t> DeleteExpiredSessions(base::TimePoint now) override;
  base::Result<core::ApiToken> CreateApiToken(const core::ApiToken& token) override;
  base::Result<core::ApiToken> FindApiToken(const std::string& token_hash) override;
  base::Result<std::vector<core::ApiToken>> ListApiTokens(std::int64_t user_id) override;
  base::Status DeleteApiToken(std::int64_t user_id, std::int64_t token_id) override;
  base::Result<core::SignInFailures> FailedSignIns(const std::string& key, base::TimePoint now,
                                                   base::Duration window) override;
  base::Status RecordFailedSignIn(const std::string& key, base::TimePoint now,
                                  base::Duration window) override;
  base::Status ClearFailedSignIns(const std::string& key) override;

 private:
  Backend& backend_;
};

}  // namespace store::sql
