// Contacts, their qualification answers, conversations and message history: sqlite::Store's
// methods of them are defined in the .cpp. The functions here expect their caller to serialize
// access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/store.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::Contact> LoadContact(Connection& db, std::int64_t workspace_id,
                                        std::int64_t contact_id);
// OK when the conversation is the workspace's, kNotFound otherwise.
base::Status RequireConversation(Connection& db, std::int64_t workspace_id,
                                 std::int64_t conversation_id);

}  // namespace store::sqlite
