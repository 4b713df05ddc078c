// Channel accounts of every workspace. Every function expects its caller to serialize access to
// `db` and implements the core::ChannelAccounts method of the same name.
#pragma once

#include "core/channel_account.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Status SaveChannelAccount(Connection& db, const core::ChannelAccount& account);
base::Result<core::ChannelAccount> FindChannelAccount(Connection& db, core::Channel channel,
                                                      const std::string& account_id);
base::Result<std::vector<core::ChannelAccount>> ListChannelAccounts(Connection& db,
                                                                    core::Channel channel);
base::Status SetChannelStatus(Connection& db, core::Channel channel, const std::string& account_id,
                              core::ChannelStatus status);
base::Result<std::vector<core::ChannelAccount>> ListWorkspaceChannelAccounts(
    Connection& db, std::int64_t workspace_id);
base::Status DeleteChannelAccount(Connection& db, std::int64_t workspace_id, core::Channel channel,
                                  const std::string& account_id);

}  // namespace store::sqlite
