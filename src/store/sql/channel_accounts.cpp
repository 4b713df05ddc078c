#include "store/sql/channel_accounts.h"

#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/rows.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

constexpr std::string_view kUpsert =
    "INSERT INTO channel_accounts (workspace_id, channel, account_id, access_token, app_secret,"
    " verify_token, app_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (channel, account_id) DO UPDATE SET access_token = excluded.access_token,"
    " app_secret = excluded.app_secret, verify_token = excluded.verify_token,"
    " app_id = excluded.app_id, status = excluded.status"
    " WHERE channel_accounts.workspace_id = excluded.workspace_id RETURNING 1";
constexpr std::string_view kSelectOne =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE channel = $1 AND account_id = $2";
constexpr std::string_view kSelectChannel =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE channel = $1 ORDER BY workspace_id, account_id";
constexpr std::string_view kSelectWorkspace =
    "SELECT workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id,"
    " status FROM channel_accounts WHERE workspace_id = $1 ORDER BY channel, account_id";
constexpr std::string_view kDelete =
    "DELETE FROM channel_accounts WHERE workspace_id = $1 AND channel = $2 AND account_id = $3";
constexpr std::string_view kUpdateStatus =
    "UPDATE channel_accounts SET status = $3 WHERE channel = $1 AND account_id = $2";

}  // namespace

template <typename Backend>
base::Status ChannelAccounts<Backend>::SaveChannelAccount(const core::ChannelAccount& a) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status found = RequireWorkspace(db, a.workspace_id); !found.ok()) return found;
    const std::string_view channel = core::ToString(a.channel);
    // Another workspace's account is left as it is: the upsert then returns no row.
    base::Result<bool> saved =
        Exists(db, kUpsert, a.workspace_id, channel, a.account_id, a.access_token, a.app_secret,
               a.verify_token, a.app_id, core::ToString(a.status));
    if (!saved.ok()) return saved.error();
    if (!*saved) {
      return base::Error::AlreadyExists("the " + std::string(channel) + " account " + a.account_id +
                                        " belongs to another workspace");
    }
    return txn->Commit();
  });
}

template <typename Backend>
base::Result<core::ChannelAccount> ChannelAccounts<Backend>::FindChannelAccount(
    core::Channel channel, const std::string& account_id) {
  return backend_.Writing([&](auto& db) -> base::Result<core::ChannelAccount> {
    auto q = db.Prepare(kSelectOne);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(core::ToString(channel), account_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("no workspace has this channel account");
    return ReadChannelAccount(*q);
  });
}

template <typename Backend>
base::Result<std::vector<core::ChannelAccount>> ChannelAccounts<Backend>::ListChannelAccounts(
    core::Channel channel) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::ChannelAccount>> {
    auto q = db.Prepare(kSelectChannel);
    if (!q.ok()) return q.error();
    q->BindAll(core::ToString(channel));
    return ReadAll(*q, [](const auto& r) { return ReadChannelAccount(r); });
  });
}

template <typename Backend>
base::Result<std::vector<core::ChannelAccount>>
ChannelAccounts<Backend>::ListWorkspaceChannelAccounts(std::int64_t workspace_id) {
  return backend_.Writing([&](auto& db) -> base::Result<std::vector<core::ChannelAccount>> {
    auto q = db.Prepare(kSelectWorkspace);
    if (!q.ok()) return q.error();
    q->BindAll(workspace_id);
    return ReadAll(*q, [](const auto& r) { return ReadChannelAccount(r); });
  });
}

template <typename Backend>
base::Status ChannelAccounts<Backend>::DeleteChannelAccount(std::int64_t workspace_id,
                                                            core::Channel channel,
                                                            const std::string& account_id) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto q = db.Prepare(kDelete);
    if (!q.ok()) return q.error();
    base::Status done = q->BindAll(workspace_id, core::ToString(channel), account_id).Run();
    if (!done.ok()) return done;
    if (db.Changes() == 0)
      return base::Error::NotFound("the workspace has no such channel account");
    return base::Status::Ok();
  });
}

template <typename Backend>
base::Status ChannelAccounts<Backend>::SetChannelStatus(core::Channel channel,
                                                        const std::string& account_id,
                                                        core::ChannelStatus status) {
  return backend_.Writing([&](auto& db) -> base::Status {
    auto q = db.Prepare(kUpdateStatus);
    if (!q.ok()) return q.error();
    base::Status done =
        q->BindAll(core::ToString(channel), account_id, core::ToString(status)).Run();
    if (!done.ok()) return done;
    if (db.Changes() == 0) return base::Error::NotFound("no workspace has this channel account");
    return base::Status::Ok();
  });
}

template class ChannelAccounts<sqlite::DatabaseFile>;
template class ChannelAccounts<postgres::Pool>;

}  // namespace store::sql
