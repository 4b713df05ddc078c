// A conversation's message history in pages, newest first, for the CRM. Expects its caller to
// serialize access to `db`; implements core::Crm::ListMessages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "core/crm.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// One walk of the (conversation_id, id) index from `before` down.
base::Result<core::MessagePage> ListMessages(Connection& db, std::int64_t workspace_id,
                                             std::int64_t conversation_id,
                                             std::optional<std::int64_t> before, std::size_t limit);

}  // namespace store::sqlite
