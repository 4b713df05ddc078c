// The payloads of core::Announcements on PostgreSQL: JSON carrying ids, each naming the process
// that made it and far below NOTIFY's 8000 bytes (long lists go out in several), sent with
// pg_notify on one channel.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/announcements.h"
#include "core/decision.h"
#include "store/postgres/connection.h"

namespace store::postgres {

// The channel announcements go out on.
inline constexpr const char* kListenToAnnouncements = "LISTEN fd_changes";

// The payloads that announce `announcement` on behalf of `origin` (the process: Pool::origin),
// each below NOTIFY's limit.
std::vector<std::string> EncodeAnnouncement(std::string_view origin,
                                            const core::Announcement& announcement);
// The origin and the announcement a payload carries; nullopt for one this version cannot
// read (a newer frontdesk's), which is ignored.
struct HeardPayload {
  std::string origin;
  core::Announcement announcement;
};
std::optional<HeardPayload> DecodeAnnouncement(std::string_view payload);

// Announces a decision `db` is committing, in its transaction: heard when, and only when, it
// commits. REQUIRES: inside the transaction that stored `decision` (ids assigned).
base::Status AnnounceDecision(Connection& db, std::string_view origin,
                              const core::Decision& decision);

// Sends the payloads of `announcement` on `db`: inside a transaction, they go out when it commits.
base::Status Notify(Connection& db, std::string_view origin,
                    const core::Announcement& announcement);

}  // namespace store::postgres
