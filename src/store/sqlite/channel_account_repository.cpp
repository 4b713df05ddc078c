#include "store/sqlite/channel_account_repository.h"

#include "store/sqlite/enum_column.h"
#include "store/sqlite/transaction.h"
#include "store/sqlite/workspace_repository.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kSelectOwner =
    "SELECT workspace_id FROM channel_accounts WHERE channel = ?1 AND account_id = ?2";
constexpr std::string_view kUpsert =
    "INSERT INTO channel_accounts (workspace_id, channel, account_id, access_token, app_secret,"
    " verify_token, app_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (channel, account_id) DO UPDATE SET access_token = excluded.access_token,"
    " app_secret = excluded.app_secret, verify_token = excluded.verify_token,"
    " app_id = excluded.app_id, status = excluded.status";
constexpr std::string_view kSelectOne =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE channel = ?1 AND account_id = ?2";
constexpr std::string_view kSelectChannel =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE channel = ?1 ORDER BY workspace_id, account_id";
constexpr std::string_view kSelectWorkspace =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE workspace_id = ?1 ORDER BY channel, account_id";
constexpr std::string_view kDelete =
    "DELETE FROM channel_accounts WHERE workspace_id = ?1 AND channel = ?2 AND account_id = ?3";
constexpr std::string_view kUpdateStatus =
    "UPDATE channel_accounts SET status = ?3 WHERE channel = ?1 AND account_id = ?2";

base::Result<core::ChannelAccount> ReadRow(const Query& q) {
  base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(q, 1, "channel");
  if (!channel.ok()) return channel.error();
  base::Result<core::ChannelStatus> status =
      EnumColumn<core::ParseChannelStatus>(q, 7, "channel status");
  if (!status.ok()) return status.error();
  return core::ChannelAccount{q.Int64(0), *channel,  q.Text(2), q.Text(3),
                              q.Text(4),  q.Text(5), q.Text(6), *status};
}

// Every row of a bound query of ReadRow's columns.
base::Result<std::vector<core::ChannelAccount>> ReadRows(Query& q) {
  std::vector<core::ChannelAccount> accounts;
  while (true) {
    base::Result<bool> row = q.Step();
    if (!row.ok()) return row.error();
    if (!*row) return accounts;
    base::Result<core::ChannelAccount> account = ReadRow(q);
    if (!account.ok()) return account.error();
    accounts.push_back(std::move(*account));
  }
}

}  // namespace

base::Status ChannelAccounts::SaveChannelAccount(const core::ChannelAccount& a) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireWorkspace(db, a.workspace_id); !found.ok()) return found;
  const std::string_view channel = core::ToString(a.channel);
  {
    base::Result<Query> owner = db.Prepare(kSelectOwner);
    if (!owner.ok()) return owner.error();
    base::Result<bool> row = owner->BindAll(channel, a.account_id).Step();
    if (!row.ok()) return row.error();
    if (*row && owner->Int64(0) != a.workspace_id) {
      return base::Error::AlreadyExists("the " + std::string(channel) + " account " + a.account_id +
                                        " belongs to another workspace");
    }
  }
  base::Result<Query> upsert = db.Prepare(kUpsert);
  if (!upsert.ok()) return upsert.error();
  base::Status done =
      upsert
          ->BindAll(a.workspace_id, channel, a.account_id, a.access_token, a.app_secret,
                    a.verify_token, a.app_id, core::ToString(a.status))
          .Run();
  if (!done.ok()) return done;
  return txn->Commit();
}

base::Result<core::ChannelAccount> ChannelAccounts::FindChannelAccount(
    core::Channel channel, const std::string& account_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectOne);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(core::ToString(channel), account_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("no workspace has this channel account");
  return ReadRow(*q);
}

base::Result<std::vector<core::ChannelAccount>> ChannelAccounts::ListChannelAccounts(
    core::Channel channel) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectChannel);
  if (!q.ok()) return q.error();
  q->BindAll(core::ToString(channel));
  return ReadRows(*q);
}

base::Result<std::vector<core::ChannelAccount>> ChannelAccounts::ListWorkspaceChannelAccounts(
    std::int64_t workspace_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kSelectWorkspace);
  if (!q.ok()) return q.error();
  q->BindAll(workspace_id);
  return ReadRows(*q);
}

base::Status ChannelAccounts::DeleteChannelAccount(std::int64_t workspace_id, core::Channel channel,
                                                   const std::string& account_id) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kDelete);
  if (!q.ok()) return q.error();
  base::Status done = q->BindAll(workspace_id, core::ToString(channel), account_id).Run();
  if (!done.ok()) return done;
  if (db.Changes() == 0) return base::Error::NotFound("the workspace has no such channel account");
  return base::Status::Ok();
}

base::Status ChannelAccounts::SetChannelStatus(core::Channel channel, const std::string& account_id,
                                               core::ChannelStatus status) {
  auto [lock, db] = file_.Write();
  base::Result<Query> q = db.Prepare(kUpdateStatus);
  if (!q.ok()) return q.error();
  base::Status done = q->BindAll(core::ToString(channel), account_id, core::ToString(status)).Run();
  if (!done.ok()) return done;
  if (db.Changes() == 0) return base::Error::NotFound("no workspace has this channel account");
  return base::Status::Ok();
}

}  // namespace store::sqlite
