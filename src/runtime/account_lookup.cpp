#include "runtime/account_lookup.h"

namespace runtime {

base::Result<core::ChannelAccount> AccountLookup::Find(core::Channel channel,
                                                       const std::string& account_id) {
  auto key = std::pair{channel, account_id};
  if (const auto it = found_.find(key); it != found_.end()) return it->second;
  auto account = accounts_.FindChannelAccount(channel, account_id);
  if (account.ok() || account.error().code == base::ErrorCode::kNotFound) {
    found_.emplace(std::move(key), account);
  }
  return account;
}

}  // namespace runtime
