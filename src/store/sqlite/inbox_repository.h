// The durable inbox of raw webhook deliveries. Every function expects its caller to serialize
// access to `db` and implements the core::Inbox method of the same name.
#pragma once

#include <span>

#include "core/inbox.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<std::int64_t> AppendInbox(Connection& db, core::Channel channel,
                                       std::string_view raw_body, base::TimePoint received_at);
base::Result<std::vector<core::InboxItem>> PendingInbox(Connection& db, base::TimePoint now,
                                                        std::size_t limit);
base::Status FinishInbox(Connection& db, std::span<const std::int64_t> ids);
base::Result<core::InboxDepth> MeasureInbox(Connection& db, base::TimePoint now);
base::Status RetryInbox(Connection& db, std::int64_t id, base::TimePoint at);
base::Status ParkInbox(Connection& db, std::int64_t id, const std::string& reason);

}  // namespace store::sqlite
