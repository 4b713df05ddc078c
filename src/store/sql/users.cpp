#include "store/sql/users.h"

#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/rows.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO users (email, password_hash, created_at_ms) VALUES ($1, $2, $3) RETURNING id";
constexpr std::string_view kSelectByEmail =
    "SELECT id, email, password_hash, created_at_ms FROM users WHERE email = $1";
constexpr std::string_view kSelectUser = "SELECT 1 FROM users WHERE id = $1";
constexpr std::string_view kSelectOtherOwner =
    "SELECT 1 FROM memberships WHERE workspace_id = $1 AND role = 'owner' AND user_id <> $2";
constexpr std::string_view kUpsertMembership =
    "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)"
    " ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role";
constexpr std::string_view kDeleteMembership =
    "DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2";
constexpr std::string_view kSelectRole =
    "SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2";
constexpr std::string_view kSelectMembers =
    "SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.workspace_id = $1 ORDER BY m.role <> 'owner', u.email";

constexpr std::string_view kSelectById =
    "SELECT id, email, password_hash, created_at_ms FROM users WHERE id = $1";
constexpr std::string_view kSelectMemberships =
    "SELECT w.id, w.slug, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id"
    " WHERE m.user_id = $1 ORDER BY w.slug";
constexpr std::string_view kUpdatePassword = "UPDATE users SET password_hash = $2 WHERE id = $1";
// IS DISTINCT FROM: a NULL kept session keeps none.
constexpr std::string_view kDeleteOtherSessions =
    "DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2";
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at_ms, expires_at_ms)"
    " VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectSession =
    "SELECT token_hash, user_id, csrf_token, created_at_ms, expires_at_ms FROM sessions"
    " WHERE token_hash = $1 AND expires_at_ms > $2";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at_ms <= $1";
constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at_ms) VALUES ($1, $2, $3, $4)"
    " RETURNING id";
constexpr std::string_view kSelectToken =
    "SELECT id, user_id, name, token_hash, created_at_ms FROM api_tokens WHERE token_hash = $1";
constexpr std::string_view kSelectTokens =
    "SELECT id, user_id, name, token_hash, created_at_ms FROM api_tokens WHERE user_id = $1"
    " ORDER BY id";
constexpr std::string_view kDeleteToken = "DELETE FROM api_tokens WHERE user_id = $1 AND id = $2";

// A window ends `window` after its first failure ($3: the window in ms).
constexpr std::string_view kSelectFailures =
    "SELECT failures, first_at_ms FROM sign_in_failures WHERE key = $1 AND first_at_ms + $3 > $2";
constexpr std::string_view kRecordFailure =
    "INSERT INTO sign_in_failures (key, first_at_ms, failures) VALUES ($1, $2, 1)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN sign_in_failures.first_at_ms + $3 > excluded.first_at_ms"
    " THEN sign_in_failures.failures + 1 ELSE 1 END,"
    " first_at_ms = CASE WHEN sign_in_failures.first_at_ms + $3 > excluded.first_at_ms"
    " THEN sign_in_failures.first_at_ms ELSE excluded.first_at_ms END";
constexpr std::string_view kForgetEnded =
    "DELETE FROM sign_in_failures WHERE first_at_ms + $2 <= $1";
constexpr std::string_view kClearFailures = "DELETE FROM sign_in_failures WHERE key = $1";

std::int64_t Millis(base::Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

template <typename Backend>
base::Result<core::SignInFailures> Users<Backend>::FailedSignIns(const std::string& key,
                                                                 base::TimePoint now,
                                                                 base::Duration window) {
  return backend_.Reading([&](auto& db) -> base::Result<core::SignInFailures> {
    auto q = db.Prepare(kSelectFailures);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(key, now, Millis(window)).Step();
    if (!row.ok()) return row.error();
    if (!*row) return core::SignInFailures{};
    return core::SignInFailures{static_cast<int>(q->Int64(0)), q->Time(1)};
  });
}

template <typename Backend>
base::Status Users<Backend>::RecordFailedSignIn(const std::string& key, base::TimePoint now,
                                                base::Duration window) {
  return backend_.Writing([&](auto& db) -> base::Status {
    if (base::Status done = RunStatement(db, kForgetEnded, now, Millis(window)); !done.ok()) {
      return done;
    }
    return RunStatement(db, kRecordFailure, key, now, Millis(window));
  });
}

template <typename Backend>
base::Status Users<Backend>::ClearFailedSignIns(const std::string& key) {
  return backend_.Writing(
      [&](auto& db) -> base::Status { return RunStatement(db, kClearFailures, key); });
}

template <typename Backend>
base::Result<core::User> Users<Backend>::CreateUser(std::string_view email,
                                                    const std::string& password_hash,
                                                    base::TimePoint at) {
  return backend_.Writing([&](auto& db) -> base::Result<core::User> {
    core::User user{0, core::NormalizeEmail(email), password_hash, at};
    if (!core::IsValidEmail(user.email)) {
      return base::Error::InvalidArgument("'" + user.email + "' is not an email address");
    }
    auto q = db.Prepare(kInsert);
    if (!q.ok()) return q.error();
    base::Result<bool> inserted = q->BindAll(user.email, user.password_hash, at).Step();
    if (!inserted.ok()) {
      if (inserted.error().code == base::ErrorCode::kAlreadyExists) {
        return base::Error::AlreadyExists("a user with the email " + user.email + " exists");
      }
      return inserted.error();
    }
    user.id = q->Int64(0);
    return user;
  });
}

template <typename Backend>
base::Result<core::User> Users<Backend>::FindUserByEmail(std::string_view email) {
  return backend_.Writing([&](auto& db) -> base::Result<core::User> {
    auto q = db.Prepare(kSelectByEmail);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(core::NormalizeEmail(email)).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("no user has this email");
    return ReadUser(*q);
  });
}

template <typename Backend>
base::Status Users<Backend>::SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                                           core::Role role) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found;
    if (base::Status found = RequireRow(db, "user", kSelectUser, user_id); !found.ok())
      return found;
    if (role == core::Role::kOwner) {
      auto q = db.Prepare(kSelectOtherOwner);
      if (!q.ok()) return q.error();
      base::Result<bool> row = q->BindAll(workspace_id, user_id).Step();
      if (!row.ok()) return row.error();
      if (*row) return base::Error::FailedPrecondition("the workspace already has an owner");
    }
    auto q = db.Prepare(kUpsertMembership);
    if (!q.ok()) return q.error();
    if (base::Status done = q->BindAll(workspace_id, user_id, core::ToString(role)).Run();
        !done.ok()) {
      return done;
    }
    return txn->Commit();
  });
}

template <typename Backend>
base::Status Users<Backend>::RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    base::Result<core::Role> role = RoleIn(workspace_id, user_id);
    if (!role.ok()) return role.error();
    if (*role == core::Role::kOwner) {
      return base::Error::FailedPrecondition("the owner cannot be removed from the workspace");
    }
    auto q = db.Prepare(kDeleteMembership);
    if (!q.ok()) return q.error();
    if (base::Status done = q->BindAll(workspace_id, user_id).Run(); !done.ok()) return done;
    return txn->Commit();
  });
}

template <typename Backend>
base::Result<core::Role> Users<Backend>::RoleIn(std::int64_t workspace_id, std::int64_t user_id) {
  return backend_.Writing([&](auto& db) -> base::Result<core::Role> {
    auto q = db.Prepare(kSelectRole);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, user_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("not a member of this workspace");
    return ParseEnumName<core::ParseRole>(q->TextView(0), "role");
  });
}

template <typename Backend>
base::Result<std::vector<core::Member>> Users<Backend>::ListMembers(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::Member>> {
    auto q = db.Prepare(kSelectMembers);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id);
    std::vector<core::Member> members;
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) return members;
      base::Result<core::Member> member = ReadRole<core::Member>(*q);
      if (!member.ok()) return member.error();
      members.push_back(std::move(*member));
    }
  });
}

template <typename Backend>
base::Result<core::User> Users<Backend>::FindUser(std::int64_t user_id) {
  return backend_.Writing([&](auto& db) -> base::Result<core::User> {
    auto q = db.Prepare(kSelectById);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(user_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("user not found");
    return ReadUser(*q);
  });
}

template <typename Backend>
base::Result<std::vector<core::Membership>> Users<Backend>::ListMemberships(std::int64_t user_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::Membership>> {
    auto q = db.Prepare(kSelectMemberships);
    if (!q.ok()) return q.error();
    q->BindAll(user_id);
    std::vector<core::Membership> memberships;
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) return memberships;
      base::Result<core::Membership> membership = ReadRole<core::Membership>(*q);
      if (!membership.ok()) return membership.error();
      memberships.push_back(std::move(*membership));
    }
  });
}

template <typename Backend>
base::Status Users<Backend>::SetPassword(std::int64_t user_id, const std::string& password_hash,
                                         const std::optional<std::string>& kept_session) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status done = ChangeOne(db, "user", kUpdatePassword, user_id, password_hash);
        !done.ok()) {
      return done;
    }
    const std::optional<std::string_view> kept(kept_session);
    if (base::Status done = RunStatement(db, kDeleteOtherSessions, user_id, kept); !done.ok()) {
      return done;
    }
    return txn->Commit();
  });
}

template <typename Backend>
base::Status Users<Backend>::CreateSession(const core::Session& s) {
  return backend_.Writing([&](auto& db) -> base::Status {
    if (base::Status found = RequireRow(db, "user", kSelectUser, s.user_id); !found.ok())
      return found;
    auto q = db.Prepare(kInsertSession);
    if (!q.ok()) return q.error();
    return q->BindAll(s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at).Run();
  });
}

template <typename Backend>
base::Result<core::Session> Users<Backend>::FindSession(const std::string& token_hash,
                                                        base::TimePoint now) {
  return backend_.Writing([&](auto& db) -> base::Result<core::Session> {
    auto q = db.Prepare(kSelectSession);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(token_hash, now).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("no such session");
    return ReadSession(*q);
  });
}

template <typename Backend>
base::Status Users<Backend>::DeleteSession(const std::string& token_hash) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto q = db.Prepare(kDeleteSession);
    if (!q.ok()) return q.error();
    return q->BindAll(token_hash).Run();
  });
}

template <typename Backend>
base::Result<std::size_t> Users<Backend>::DeleteExpiredSessions(base::TimePoint now) {
  return backend_.Writing([&](auto& db) -> base::Result<std::size_t> {
    if (base::Status done = RunStatement(db, kDeleteExpiredSessions, now); !done.ok()) {
      return done.error();
    }
    return static_cast<std::size_t>(db.Changes());
  });
}

template <typename Backend>
base::Result<core::ApiToken> Users<Backend>::CreateApiToken(const core::ApiToken& token) {
  return backend_.Writing([&](auto& db) -> base::Result<core::ApiToken> {
    if (base::Status found = RequireRow(db, "user", kSelectUser, token.user_id); !found.ok())
      return found.error();
    auto q = db.Prepare(kInsertToken);
    if (!q.ok()) return q.error();
    base::Result<bool> inserted =
        q->BindAll(token.user_id, token.name, token.token_hash, token.created_at).Step();
    if (!inserted.ok()) return inserted.error();
    core::ApiToken created = token;
    created.id = q->Int64(0);
    return created;
  });
}

template <typename Backend>
base::Result<core::ApiToken> Users<Backend>::FindApiToken(const std::string& token_hash) {
  return backend_.Writing([&](auto& db) -> base::Result<core::ApiToken> {
    auto q = db.Prepare(kSelectToken);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(token_hash).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("no such token");
    return ReadApiToken(*q);
  });
}

template <typename Backend>
base::Result<std::vector<core::ApiToken>> Users<Backend>::ListApiTokens(std::int64_t user_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::ApiToken>> {
    auto q = db.Prepare(kSelectTokens);
    if (!q.ok()) return q.error();
    q->BindAll(user_id);
    std::vector<core::ApiToken> tokens;
    while (true) {
      base::Result<bool> row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) return tokens;
      tokens.push_back(ReadApiToken(*q));
    }
  });
}

template <typename Backend>
base::Status Users<Backend>::DeleteApiToken(std::int64_t user_id, std::int64_t token_id) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto q = db.Prepare(kDeleteToken);
    if (!q.ok()) return q.error();
    if (base::Status done = q->BindAll(user_id, token_id).Run(); !done.ok()) return done;
    if (db.Changes() == 0) return base::Error::NotFound("no such token");
    return base::Status::Ok();
  });
}

template class Users<sqlite::DatabaseFile>;
template class Users<postgres::Pool>;

}  // namespace store::sql
