#include "store/sqlite/user_repository.h"

#include "store/sqlite/enum_column.h"
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
constexpr std::string_view kSelectRole =
    "SELECT role FROM memberships WHERE workspace_id = ?1 AND user_id = ?2";
constexpr std::string_view kSelectMembers =
    "SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.workspace_id = ?1 ORDER BY m.role <> 'owner', u.email";

}  // namespace

base::Result<core::User> CreateUser(Connection& db, std::string_view email,
                                    const std::string& password_hash, base::TimePoint at) {
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

base::Result<core::User> FindUserByEmail(Connection& db, std::string_view email) {
  base::Result<Query> q = db.Prepare(kSelectByEmail);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(core::NormalizeEmail(email)).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no user has this email");
  return core::User{q->Int64(0), q->Text(1), q->Text(2), q->Time(3)};
}

base::Status SetMembership(Connection& db, std::int64_t workspace_id, std::int64_t user_id,
                           core::Role role) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, workspace_id); !found.ok()) return found;
  {
    base::Result<Query> q = db.Prepare(kSelectUser);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(user_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("user not found");
  }
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

base::Result<core::Role> RoleIn(Connection& db, std::int64_t workspace_id, std::int64_t user_id) {
  base::Result<Query> q = db.Prepare(kSelectRole);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(workspace_id, user_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("not a member of this workspace");
  return EnumColumn<core::ParseRole>(*q, 0, "role");
}

base::Result<std::vector<core::Member>> ListMembers(Connection& db, std::int64_t workspace_id) {
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

}  // namespace store::sqlite
