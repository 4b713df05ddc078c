#include <algorithm>
#include <limits>

#include "store/rows.h"
#include "store/sql/conversations.h"
#include "store/sqlite/crm.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// The columns of message_row.h.
constexpr std::string_view kSelectPage =
    "SELECT id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error,"
    " attachment, author_user, model FROM messages"
    " WHERE conversation_id = ?1 AND workspace_id = ?2 AND id < ?3 ORDER BY id DESC LIMIT ?4";

}  // namespace

base::Result<core::MessagePage> Crm::ListMessages(std::int64_t workspace_id,
                                                  std::int64_t conversation_id,
                                                  std::optional<std::int64_t> before,
                                                  std::size_t limit) {
  auto [lock, db] = file_.Write();
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  if (base::Status known = sql::RequireConversation(db, workspace_id, conversation_id);
      !known.ok()) {
    return known.error();
  }
  if (limit == 0) return core::MessagePage{};
  base::Result<Query> q = db.Prepare(kSelectPage);
  if (!q.ok()) return q.error();
  // One row past the page tells whether another page follows.
  const auto wanted = static_cast<std::int64_t>(std::min<std::size_t>(limit, kEnd - 1)) + 1;
  q->BindAll(conversation_id, workspace_id, before.value_or(kEnd), wanted);
  core::MessagePage page;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    if (page.messages.size() == limit) {
      page.next_before = page.messages.back().id;
      break;
    }
    base::Result<core::Message> m = ReadMessage(*q, 0, conversation_id);
    if (!m.ok()) return m.error();
    page.messages.push_back(std::move(*m));
  }
  return page;
}

}  // namespace store::sqlite
