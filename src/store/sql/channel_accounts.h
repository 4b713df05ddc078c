// The core::ChannelAccounts adapter both backends share: the channel accounts of every workspace.
// `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in the .cpp).
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/channel_account.h"

namespace store::sql {

template <typename Backend>
class ChannelAccounts final : public core::ChannelAccounts {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit ChannelAccounts(Backend& backend) : backend_(backend) {}

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
  Backend& backend_;
};

}  // namespace store::sql
