// How the embedded backend's single instance claims and recovers outbox items (sql/outbox.h).
#include <algorithm>
#include <limits>

#include "store/sql/outbox.h"
#include "store/sql/statements.h"
#include "store/sqlite/database_file.h"
#include "store/sqlite/transaction.h"

namespace store::sql {
namespace {

// An item is due once every earlier item of its conversation is done.
constexpr std::string_view kSelectDue =
    "SELECT " FRONTDESK_OUTBOX_ITEM_COLUMNS
    " WHERE o.not_before_ms <= $1 AND o.sending = 0"
    " AND (o.lease_until_ms IS NULL OR o.lease_until_ms <= $1)"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_id = o.conversation_id"
    "  AND p.id < o.id)"
    " ORDER BY o.not_before_ms, o.id LIMIT $2";
constexpr std::string_view kLease = "UPDATE outbox SET lease_until_ms = $2 WHERE id = $1";
constexpr std::string_view kReleaseLeases =
    "UPDATE outbox SET lease_until_ms = NULL WHERE lease_until_ms IS NOT NULL AND sending = 0";
constexpr std::string_view kSelectSending = "SELECT id FROM outbox WHERE sending = 1";

}  // namespace

template <>
base::Result<std::vector<core::OutboxItem>> Outbox<sqlite::DatabaseFile>::ClaimOutbox(
    base::TimePoint now, std::size_t limit, base::TimePoint lease_until) {
  auto [lock, db] = backend_.Write();
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  std::vector<core::OutboxItem> items;
  {
    auto q = db.Prepare(kSelectDue);
    if (!q.ok()) return q.error();
    q->BindAll(now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
    auto due = ReadAll(*q, [](const auto& r) { return ReadOutboxItem(r); });
    if (!due.ok()) return due.error();
    items = std::move(*due);
  }
  for (const core::OutboxItem& item : items) {
    if (base::Status done = RunStatement(db, kLease, item.id, lease_until); !done.ok()) {
      return done.error();
    }
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return items;
}

template <>
base::Result<int> Outbox<sqlite::DatabaseFile>::RecoverOutbox() {
  auto [lock, db] = backend_.Write();
  std::vector<std::int64_t> ambiguous;
  {
    auto q = db.Prepare(kSelectSending);
    if (!q.ok()) return q.error();
    auto sending = ReadAll(*q, [](const auto& r) { return r.Int64(0); });
    if (!sending.ok()) return sending.error();
    ambiguous = std::move(*sending);
  }
  for (std::int64_t id : ambiguous) {
    base::Status done = FinishUnsent(id, core::DeliveryStatus::kFailed, kUnknownOutcome);
    if (!done.ok()) return done.error();
  }
  if (base::Status done = RunStatement(db, kReleaseLeases); !done.ok()) return done.error();
  return static_cast<int>(ambiguous.size());
}

}  // namespace store::sql
