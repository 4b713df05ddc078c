#include "store/sqlite/user_repository.h"

#include "store/sqlite/enum_column.h"
#include "store/sqlite/sql.h"
#include "store/sqlite/transaction.h"
#include "store/sqlite/workspace_repository.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO users (email, password_hash, created_at_ms) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectByEmail =
    "SELECT id, email, password_hash, created_at_ms FROM users WHERE email = ?1";
constexpr std::string_view kSelectUser = "SELECT 1 FROM users WHERE id = ?1";
constexpr std::string_view kSelectOtherOwner =
    "SELECT 1 FROM memberships WHERE workspace_id = ?1 AND role = 'owner' AND user_id <> ?2";
constexpr std::string_view kUpsertMembership =
    "INSERT INTO memberships (workspace_id, user_id, role) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role";
constexpr std::string_view kDeleteMembership =
    "DELETE FROM memberships WHERE workspace_id = ?1 AND user_id = ?2";
constexpr std::string_view kSelectRole =
    "SELECT role FROM memberships WHERE workspace_id = ?1 AND user_id = ?2";
constexpr std::string_view kSelectMembers =
    "SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.workspace_id = ?1 ORDER BY m.role <> 'owner', u.email";

constexpr std::string_view kSelectById =
    "SELECT id, email, password_hash, created_at_ms FROM users WHERE id = ?1";
constexpr std::string_view kSelectMemberships =
    "SELECT w.id, w.slug, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id"
    " WHERE m.user_id = ?1 ORDER BY w.slug";
constexpr std::string_view kUpdatePassword = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
// IS NOT: a NULL kept session keeps none.
constexpr std::string_view kDeleteOtherSessions =
    "DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2";
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at_ms, expires_at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kSelectSession =
    "SELECT token_hash, user_id, csrf_token, created_at_ms, expires_at_ms FROM sessions"
    " WHERE token_hash = ?1 AND expires_at_ms > ?2";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at_ms <= ?1";
constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kSelectToken =
    "SELECT id, user_id, name, token_hash, created_at_ms FROM api_tokens WHERE token_hash = ?1";
constexpr std::string_view kSelectTokens =
    "SELECT id, user_id, name, token_hash, created_at_ms FROM api_tokens WHERE user_id = ?1"
    " ORDER BY id";
constexpr std::string_view kDeleteToken = "DELETE FROM api_tokens WHERE user_id = ?1 AND id = ?2";

core::User ReadUser(const Query& q) {
  return core::User{q.Int64(0), q.Text(1), q.Text(2), q.Time(3)};
}

core::ApiToken ReadToken(const Query& q) {
  return core::ApiToken{q.Int64(0), q.Int64(1), q.Text(2), q.Text(3), q.Time(4)};
}

}  // namespace

base::Result<core::User> Users::CreateUser(std::string_view email, const std::string& password_hash,
                                           base::TimePoint at) {
  auto [lock, db] = file_.Write();
  core::User user{0, core::NormalizeEmail(email), password_hash, at};
  if (!core::IsValidEmail(user.email)) {
    return base::Error::InvalidArgument("'" + user.email + "' is not an email address");
  }
  base::Result<Query> q = db.Prepare(kInsert);
  if (!q.ok()) return q.error();
  base::Status done = q->BindAll(user.email, user.password_hash, at).Run();
  if (!done.ok()) {
    if (done.error().code == base::ErrorCode::kAlreadyExists) {
      return base::Error::AlreadyExists("a user with the email " + user.email + " exists");
    }
    return done.error();
  }
  user.id = db.LastInsertId();
  return user;
}

base::Result<core::User> Users::FindUserByEmail(std::string_view email) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectByEmail);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(core::NormalizeEmail(email)).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no user has this email");
  return ReadUser(*q);
}

base::Status Users::SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                                  core::Role role) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found;
  if (base::Status found = RequireRow(db, "user", kSelectUser, user_id); !found.ok()) return found;
  if (role == core::Role::kOwner) {
    base::Result<Query> q = db.Prepare(kSelectOtherOwner);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, user_id).Step();
    if (!row.ok()) return row.error();
    if (*row) return base::Error::FailedPrecondition("the workspace already has an owner");
  }
  base::Result<Query> q = db.Prepare(kUpsertMembership);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(workspace_id, user_id, core::ToString(role)).Run();
      !done.ok()) {
    return done;
  }
  return txn->Commit();
}

base::Status Users::RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<core::Role> role = RoleIn(workspace_id, user_id);
  if (!role.ok()) return role.error();
  if (*role == core::Role::kOwner) {
    return base::Error::FailedPrecondition("the owner cannot be removed from the workspace");
  }
  base::Result<Query> q = db.Prepare(kDeleteMembership);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(workspace_id, user_id).Run(); !done.ok()) return done;
  return txn->Commit();
}

base::Result<core::Role> Users::RoleIn(std::int64_t workspace_id, std::int64_t user_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectRole);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id, user_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("not a member of this workspace");
  return EnumColumn<core::ParseRole>(*q, 0, "role");
}

base::Result<std::vector<core::Member>> Users::ListMembers(std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectMembers);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id);
  std::vector<core::Member> members;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return members;
    base::Result<core::Role> role = EnumColumn<core::ParseRole>(*q, 2, "role");
    if (!role.ok()) return role.error();
    members.push_back({q->Int64(0), q->Text(1), *role});
  }
}

base::Result<core::User> Users::FindUser(std::int64_t user_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectById);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(user_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("user not found");
  return ReadUser(*q);
}

base::Result<std::vector<core::Membership>> Users::ListMemberships(std::int64_t user_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectMemberships);
  if (!q.ok()) return q.error();
  q->BindAll(user_id);
  std::vector<core::Membership> memberships;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return memberships;
    base::Result<core::Role> role = EnumColumn<core::ParseRole>(*q, 2, "role");
    if (!role.ok()) return role.error();
    memberships.push_back({q->Int64(0), q->Text(1), *role});
  }
}

base::Status Users::SetPassword(std::int64_t user_id, const std::string& password_hash,
                                const std::optional<std::string>& kept_session) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
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
}

base::Status Users::CreateSession(const core::Session& s) {
  auto [lock, db] = file_.Write();
  if (base::Status found = RequireRow(db, "user", kSelectUser, s.user_id); !found.ok())
    return found;
  base::Result<Query> q = db.Prepare(kInsertSession);
  if (!q.ok()) return q.error();
  return q->BindAll(s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at).Run();
}

base::Result<core::Session> Users::FindSession(const std::string& token_hash, base::TimePoint now) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectSession);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(token_hash, now).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no such session");
  return core::Session{q->Text(0), q->Int64(1), q->Text(2), q->Time(3), q->Time(4)};
}

base::Status Users::DeleteSession(const std::string& token_hash) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kDeleteSession);
  if (!q.ok()) return q.error();
  return q->BindAll(token_hash).Run();
}

base::Result<std::size_t> Users::DeleteExpiredSessions(base::TimePoint now) {
  auto [lock, db] = file_.Write();
  if (base::Status done = RunStatement(db, kDeleteExpiredSessions, now); !done.ok()) {
    return done.error();
  }
  return static_cast<std::size_t>(db.Changes());
}

base::Result<core::ApiToken> Users::CreateApiToken(const core::ApiToken& token) {
  auto [lock, db] = file_.Write();
  if (base::Status found = RequireRow(db, "user", kSelectUser, token.user_id); !found.ok())
    return found.error();
  base::Result<Query> q = db.Prepare(kInsertToken);
  if (!q.ok()) return q.error();
  base::Status done =
      q->BindAll(token.user_id, token.name, token.token_hash, token.created_at).Run();
  if (!done.ok()) return done.error();
  core::ApiToken created = token;
  created.id = db.LastInsertId();
  return created;
}

base::Result<core::ApiToken> Users::FindApiToken(const std::string& token_hash) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectToken);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(token_hash).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no such token");
  return ReadToken(*q);
}

base::Result<std::vector<core::ApiToken>> Users::ListApiTokens(std::int64_t user_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectTokens);
  if (!q.ok()) return q.error();
  q->BindAll(user_id);
  std::vector<core::ApiToken> tokens;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return tokens;
    tokens.push_back(ReadToken(*q));
  }
}

base::Status Users::DeleteApiToken(std::int64_t user_id, std::int64_t token_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kDeleteToken);
  if (!q.ok()) return q.error();
  if (base::Status done = q->BindAll(user_id, token_id).Run(); !done.ok()) return done;
  if (db.Changes() == 0) return base::Error::NotFound("no such token");
  return base::Status::Ok();
}

}  // namespace store::sqlite
