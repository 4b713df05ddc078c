// Contacts, their qualification answers, conversations and message history. Every function
// expects its caller to serialize access to `db` and implements the core::Store method of the
// same name.
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

// The conversation of `key`; nullopt when there is none yet. Only reads.
base::Result<std::optional<core::ConversationSnapshot>> FindConversation(
    Connection& db, const core::ConversationKey& key, std::size_t history_limit);
// A new contact's display name is the customer id until someone renames it.
base::Result<core::ConversationSnapshot> OpenConversation(Connection& db,
                                                          const core::ConversationKey& key,
                                                          std::size_t history_limit);
base::Result<core::ConversationSnapshot> LoadConversation(Connection& db, std::int64_t workspace_id,
                                                          std::int64_t conversation_id,
                                                          std::size_t history_limit);
base::Result<core::Contact> LoadContact(Connection& db, std::int64_t workspace_id,
                                        std::int64_t contact_id);
// OK when the conversation is the workspace's, kNotFound otherwise.
base::Status RequireConversation(Connection& db, std::int64_t workspace_id,
                                 std::int64_t conversation_id);
// The message `message_id` of the workspace; kNotFound when it is not the workspace's.
base::Result<core::Message> LoadMessage(Connection& db, std::int64_t workspace_id,
                                        std::int64_t message_id);

}  // namespace store::sqlite
