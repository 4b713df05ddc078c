// Row codecs both backends share: reading a domain value from the columns of one result row.
// `Row` is either backend's row reader (sqlite::Query on a row, postgres::Row), which both offer
// IsNull, Int64, OptionalInt64, Text, TextView, Time and OptionalTime by column (0-based).
// Each reader names its columns in order; the statements select them in that order.
#pragma once

#include "base/result.h"
#include "core/channel_account.h"
#include "core/user.h"
#include "store/enum_name.h"

namespace store {

// id, email, password_hash, created_at_ms
template <typename Row>
core::User ReadUser(const Row& r) {
  return core::User{r.Int64(0), r.Text(1), r.Text(2), r.Time(3)};
}

// id, user_id, name, token_hash, created_at_ms
template <typename Row>
core::ApiToken ReadApiToken(const Row& r) {
  return core::ApiToken{r.Int64(0), r.Int64(1), r.Text(2), r.Text(3), r.Time(4)};
}

// token_hash, user_id, csrf_token, created_at_ms, expires_at_ms
template <typename Row>
core::Session ReadSession(const Row& r) {
  return core::Session{r.Text(0), r.Int64(1), r.Text(2), r.Time(3), r.Time(4)};
}

// workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id, status
template <typename Row>
base::Result<core::ChannelAccount> ReadChannelAccount(const Row& r) {
  base::Result<core::Channel> channel = ParseEnumName<core::ParseChannel>(r.TextView(1), "channel");
  if (!channel.ok()) return channel.error();
  base::Result<core::ChannelStatus> status =
      ParseEnumName<core::ParseChannelStatus>(r.TextView(7), "channel status");
  if (!status.ok()) return status.error();
  return core::ChannelAccount{r.Int64(0), *channel,  r.Text(2), r.Text(3),
                              r.Text(4),  r.Text(5), r.Text(6), *status};
}

// (an id, a name, a role): a member or a membership
template <typename Item, typename Row>
base::Result<Item> ReadRole(const Row& r) {
  base::Result<core::Role> role = ParseEnumName<core::ParseRole>(r.TextView(2), "role");
  if (!role.ok()) return role.error();
  return Item{r.Int64(0), r.Text(1), *role};
}

}  // namespace store
