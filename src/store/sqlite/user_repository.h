// Users and their memberships. Every function expects its caller to serialize access to `db` and
// implements the core::Users method of the same name.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/user.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::User> CreateUser(Connection& db, std::string_view email,
                                    const std::string& password_hash, base::TimePoint at);
base::Result<core::User> FindUserByEmail(Connection& db, std::string_view email);
base::Status SetMembership(Connection& db, std::int64_t workspace_id, std::int64_t user_id,
                           core::Role role);
base::Status RemoveMembership(Connection& db, std::int64_t workspace_id, std::int64_t user_id);
base::Result<core::Role> RoleIn(Connection& db, std::int64_t workspace_id, std::int64_t user_id);
base::Result<std::vector<core::Member>> ListMembers(Connection& db, std::int64_t workspace_id);
base::Result<core::User> FindUser(Connection& db, std::int64_t user_id);
base::Result<std::vector<core::Membership>> ListMemberships(Connection& db, std::int64_t user_id);
base::Status SetPassword(Connection& db, std::int64_t user_id, const std::string& password_hash,
                         const std::optional<std::string>& kept_session);
base::Status CreateSession(Connection& db, const core::Session& session);
base::Result<core::Session> FindSession(Connection& db, const std::string& token_hash,
                                        base::TimePoint now);
base::Status DeleteSession(Connection& db, const std::string& token_hash);
base::Result<std::size_t> DeleteExpiredSessions(Connection& db, base::TimePoint now);
base::Result<core::ApiToken> CreateApiToken(Connection& db, const core::ApiToken& token);
base::Result<core::ApiToken> FindApiToken(Connection& db, const std::string& token_hash);
base::Result<std::vector<core::ApiToken>> ListApiTokens(Connection& db, std::int64_t user_id);
base::Status DeleteApiToken(Connection& db, std::int64_t user_id, std::int64_t token_id);

}  // namespace store::sqlite
