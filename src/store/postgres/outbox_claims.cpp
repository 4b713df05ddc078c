// How instances sharing a PostgreSQL database claim outbox items (sql/outbox.h).
#include <algorithm>
#include <limits>
#include <string>

#include "store/postgres/pool.h"
#include "store/postgres/transaction.h"
#include "store/sql/outbox.h"
#include "store/sql/statements.h"

namespace store::sql {
namespace {

// Items being sent when their lease ended: their instance died mid-send.
constexpr std::string_view kFailLostSends =
    "WITH lost AS (DELETE FROM outbox WHERE sending = 1 AND lease_until_ms <= $1"
    "  RETURNING message_id)"
    " UPDATE messages SET delivery = 'failed', delivery_error = $2"
    " FROM lost WHERE messages.id = lost.message_id";
// An item is due once every earlier item of its conversation is done; rows another instance is
// claiming are skipped, and the outer WHERE says "due" again for rows that changed meanwhile.
constexpr std::string_view kClaim =
    "UPDATE outbox SET lease_until_ms = $3, claimed_by = $4 WHERE id IN ("
    " SELECT o.id FROM outbox o WHERE o.not_before_ms <= $1 AND o.sending = 0"
    "  AND (o.lease_until_ms IS NULL OR o.lease_until_ms <= $1)"
    "  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id"
    "   AND p.id < o.id)"
    "  ORDER BY o.not_before_ms, o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED)"
    " AND sending = 0 AND (lease_until_ms IS NULL OR lease_until_ms <= $1) RETURNING id";
// RecoverOutbox: what this instance was sending when it stopped, and what it had claimed.
constexpr std::string_view kFailMySends =
    "WITH lost AS (DELETE FROM outbox WHERE sending = 1 AND claimed_by = $1"
    "  RETURNING message_id)"
    " UPDATE messages SET delivery = 'failed', delivery_error = $2"
    " FROM lost WHERE messages.id = lost.message_id";
constexpr std::string_view kReleaseMine =
    "UPDATE outbox SET lease_until_ms = NULL, claimed_by = NULL"
    " WHERE claimed_by = $1 AND sending = 0";
constexpr std::string_view kSelectItems =
    "SELECT " FRONTDESK_OUTBOX_ITEM_COLUMNS
    " WHERE o.id = ANY($1::bigint[]) ORDER BY o.not_before_ms, o.id";

}  // namespace

template <>
base::Result<std::vector<core::OutboxItem>> Outbox<postgres::Pool>::ClaimOutbox(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return backend_.Writing(
      [&](postgres::Connection& db) -> base::Result<std::vector<core::OutboxItem>> {
        auto txn = postgres::BeginWrite(db);
        if (!txn.ok()) return txn.error();
        if (base::Status done = RunStatement(db, kFailLostSends, now, kUnknownOutcome);
            !done.ok()) {
          return done.error();
        }
        std::vector<std::int64_t> ids;
        {
          auto q = db.Prepare(kClaim);
          if (!q.ok()) return q.error();
          q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)), lease_until,
                     backend_.instance());
          auto claimed = ReadAll(*q, [](const auto& r) { return r.Int64(0); });
          if (!claimed.ok()) return claimed.error();
          ids = std::move(*claimed);
        }
        std::vector<core::OutboxItem> items;
        if (!ids.empty()) {
          auto q = db.Prepare(kSelectItems);
          if (!q.ok()) return q.error();
          q->BindAll(postgres::Int64Array(ids));
          auto loaded = ReadAll(*q, [](const auto& r) { return ReadOutboxItem(r); });
          if (!loaded.ok()) return loaded.error();
          items = std::move(*loaded);
        }
        if (base::Status done = txn->Commit(); !done.ok()) return done.error();
        return items;
      });
}

template <>
base::Result<int> Outbox<postgres::Pool>::RecoverOutbox() {
  // Only this instance's, by its name: other instances' items stay theirs until their leases end
  // (ClaimOutbox).
  return backend_.Writing([&](postgres::Connection& db) -> base::Result<int> {
    auto txn = postgres::BeginWrite(db);
    if (!txn.ok()) return txn.error();
    if (base::Status done = RunStatement(db, kFailMySends, backend_.instance(), kUnknownOutcome);
        !done.ok()) {
      return done.error();
    }
    const auto failed = static_cast<int>(db.Changes());
    if (base::Status done = RunStatement(db, kReleaseMine, backend_.instance()); !done.ok()) {
      return done.error();
    }
    if (base::Status done = txn->Commit(); !done.ok()) return done.error();
    return failed;
  });
}

}  // namespace store::sql
