#include "store/postgres/callback_queue.h"

#include <algorithm>
#include <limits>

#include "store/enum_name.h"
#include "store/postgres/transaction.h"
#include "store/sql/statements.h"

namespace store::postgres {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO callbacks (channel, body, received_at_ms, attempts, not_before_ms)"
    " VALUES ($1, $2, $3, 0, $3) RETURNING id";
// The outer WHERE says "due" again for rows that changed since the subquery's snapshot.
constexpr std::string_view kClaim =
    "WITH due AS (SELECT id, not_before_ms FROM callbacks"
    "  WHERE not_before_ms <= $1 AND parked_reason IS NULL"
    "  ORDER BY not_before_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED),"
    " claimed AS (UPDATE callbacks c SET not_before_ms = $3, claimed_by = $4, lease_until_ms = $3"
    "  FROM due WHERE c.id = due.id AND c.not_before_ms <= $1 AND c.parked_reason IS NULL"
    "  RETURNING c.id, c.channel, c.body, c.received_at_ms, c.attempts, due.not_before_ms AS was)"
    " SELECT id, channel, body, received_at_ms, attempts FROM claimed ORDER BY was, id";
constexpr std::string_view kDelete = "DELETE FROM callbacks WHERE id = ANY($1::bigint[])";
constexpr std::string_view kRetry =
    "UPDATE callbacks SET attempts = attempts + 1, not_before_ms = $2, claimed_by = NULL,"
    " lease_until_ms = NULL WHERE id = $1";
// Only this instance's claims: a release arriving after its lease ended frees no one else's.
constexpr std::string_view kRelease =
    "UPDATE callbacks SET claimed_by = NULL, lease_until_ms = NULL, not_before_ms = received_at_ms"
    " WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND parked_reason IS NULL";
constexpr std::string_view kPark = "UPDATE callbacks SET parked_reason = $2 WHERE id = $1";
constexpr std::string_view kDepth =
    "SELECT COUNT(*) FILTER (WHERE parked_reason IS NULL AND not_before_ms <= $1),"
    " COUNT(*) FILTER (WHERE parked_reason IS NULL AND not_before_ms > $1),"
    " COUNT(*) FILTER (WHERE parked_reason IS NOT NULL) FROM callbacks";

}  // namespace

base::Result<std::int64_t> CallbackQueue::AppendCallback(core::Channel channel,
                                                         std::string_view raw_body,
                                                         base::TimePoint received_at) {
  return pool_.Writing([&](Connection& db) -> base::Result<std::int64_t> {
    base::Result<Query> q = db.Prepare(kInsert);
    if (!q.ok()) return q.error();
    q->Bind(1, core::ToString(channel)).BindBytes(2, raw_body).Bind(3, received_at);
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    return q->Int64(0);
  });
}

base::Result<std::vector<core::Callback>> CallbackQueue::ClaimCallbacks(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return pool_.Writing([&](Connection& db) -> base::Result<std::vector<core::Callback>> {
    base::Result<Query> q = db.Prepare(kClaim);
    if (!q.ok()) return q.error();
    q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)), lease_until,
               pool_.instance());
    return ReadAll(*q, [](const Query& r) -> base::Result<core::Callback> {
      base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(r, 1, "channel");
      if (!channel.ok()) return channel.error();
      return core::Callback{r.Int64(0), *channel, r.Bytes(2), r.Time(3),
                            static_cast<int>(r.Int64(4))};
    });
  });
}

base::Status CallbackQueue::FinishCallbacks(std::span<const std::int64_t> ids) {
  return pool_.Writing([&](Connection& db) -> base::Status {
    base::Result<Transaction> txn = BeginWrite(db);
    if (!txn.ok()) return txn.error();
    // The removal need not wait for the disk: lost in a crash, the callbacks are handled again,
    // and the engine refuses what it already applied. That spares the intake's thread a flush per
    // chunk.
    if (base::Status lazy = db.Execute("SET LOCAL synchronous_commit TO off"); !lazy.ok()) {
      return lazy;
    }
    if (base::Status done = RunStatement(db, kDelete, Int64Array(ids)); !done.ok()) return done;
    // Ids are distinct: fewer rows than ids means one is not in the queue (rolled back).
    if (db.Changes() != static_cast<std::int64_t>(ids.size())) {
      return base::Error::NotFound("callback not found");
    }
    return txn->Commit();
  });
}

base::Status CallbackQueue::ReleaseCallbacks(std::span<const std::int64_t> ids) {
  return pool_.Writing([&](Connection& db) {
    return RunStatement(db, kRelease, Int64Array(ids), pool_.instance());
  });
}

base::Status CallbackQueue::RetryCallback(std::int64_t id, base::TimePoint at) {
  return pool_.Writing([&](Connection& db) { return ChangeOne(db, "callback", kRetry, id, at); });
}

base::Status CallbackQueue::ParkCallback(std::int64_t id, const std::string& reason) {
  return pool_.Writing(
      [&](Connection& db) { return ChangeOne(db, "callback", kPark, id, reason); });
}

base::Result<core::CallbackDepth> CallbackQueue::MeasureCallbacks(base::TimePoint now) {
  return pool_.Writing([&](Connection& db) -> base::Result<core::CallbackDepth> {
    base::Result<Query> q = db.Prepare(kDepth);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(now).Step();
    if (!row.ok()) return row.error();
    return core::CallbackDepth{q->Int64(0), q->Int64(1), q->Int64(2)};
  });
}

}  // namespace store::postgres
