// The core::ChannelAccounts of the embedded backend, on a DatabaseFile: the channel accounts of
// every workspace. Thread-safety: every method may be called from any thread.
#pragma once

#include "core/channel_account.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/database_file.h"

namespace store::sqlite {

class ChannelAccounts final : public core::ChannelAccounts {
 public:
  // `file` is borrowed and must outlive the adapter.
  explicit ChannelAccounts(DatabaseFile& file) : file_(file) {}

  base::Status SaveChannelAccount(const core::ChannelAccount& account) override;
  base::Result<core::ChannelAccount> FindChannelAccount(core::Channel channel,
                                                        const std::string& account_id) override;
  base::Result<std::vector<core::ChannelAccount>> ListChannelAccounts(
      core::Channel channel) override;
  base::Status SetChannelStatus(core::Channel channel, const std::string& account_id,
                                core::ChannelStatus status) override;
  base::Result<std::vector<core::ChannelAccount>> ListWorkspaceChannelAccounts(
      std::int64_t workspace_id) override;
  base::Status DeleteChannelAccount(std::int64_t workspace_id, core::Channel channel,
                                    const std::string& account_id) override;

 private:
  DatabaseFile& file_;
};

}  // namespace store::sqlite
