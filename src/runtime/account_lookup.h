// The channel accounts one pass of the intake or the outbox needs, each read from the store once
// however many events or messages name it. A pass is short: a change saved meanwhile (a new
// token, "reconnection needed") is seen by the next pass.
//
// Thread-safety: none; one per pass.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "base/result.h"
#include "core/channel_account.h"

namespace runtime {

class AccountLookup {
 public:
  // `accounts` is borrowed and must outlive the lookup.
  explicit AccountLookup(core::ChannelAccounts& accounts) : accounts_(accounts) {}

  // As core::ChannelAccounts::FindChannelAccount; kNotFound is remembered too, a store error is
  // not (the next call asks again).
  base::Result<core::ChannelAccount> Find(core::Channel channel, const std::string& account_id);

 private:
  core::ChannelAccounts& accounts_;
  std::map<std::pair<core::Channel, std::string>, base::Result<core::ChannelAccount>> found_;
};

}  // namespace runtime
