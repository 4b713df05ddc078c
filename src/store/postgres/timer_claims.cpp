#include "store/postgres/timer_claims.h"

#include <algorithm>
#include <limits>

#include "store/sql/statements.h"

namespace store::postgres {
namespace {

// Due and not leased (or leased by an instance that died). The outer WHERE says so again for
// rows that changed since the subquery's snapshot.
constexpr std::string_view kClaim =
    "WITH due AS (SELECT conversation_id FROM timers"
    "  WHERE kind = $1 AND due_at_ms <= $2 AND (lease_until_ms IS NULL OR lease_until_ms <= $2)"
    "  ORDER BY due_at_ms, conversation_id LIMIT $3 FOR UPDATE SKIP LOCKED)"
    " UPDATE timers t SET lease_until_ms = $4, claimed_by = $5 FROM due"
    " WHERE t.conversation_id = due.conversation_id AND t.kind = $1 AND t.due_at_ms <= $2"
    " AND (t.lease_until_ms IS NULL OR t.lease_until_ms <= $2)"
    " RETURNING t.workspace_id, t.conversation_id, t.due_at_ms";

}  // namespace

base::Result<std::vector<core::DueTimer>> ClaimDueTimers(Connection& db, core::TimerKind kind,
                                                         base::TimePoint now, std::size_t limit,
                                                         base::TimePoint lease_until,
                                                         const std::string& claimer) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kClaim);
  if (!q.ok()) return q.error();
  q->BindAll(core::ToString(kind), now, static_cast<std::int64_t>(std::min(limit, kMaxLimit)),
             lease_until, claimer);
  auto claimed = ReadAll(*q, [&](const Query& r) {
    return core::DueTimer{r.Int64(0), r.Int64(1), kind, r.Time(2)};
  });
  if (claimed.ok()) {  // RETURNING keeps no order
    std::sort(claimed->begin(), claimed->end(), [](const auto& a, const auto& b) {
      return std::pair(a.due_at, a.conversation_id) < std::pair(b.due_at, b.conversation_id);
    });
  }
  return claimed;
}

}  // namespace store::postgres
