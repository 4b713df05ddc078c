// Reading a message from a row. Every query that selects messages lists these columns of the
// messages table, in this order, for ReadMessage:
//   id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error, attachment,
//   author_user, model
#pragma once

#include <cstdint>

#include "base/result.h"
#include "core/message.h"
#include "store/sqlite/statement.h"

namespace store::sqlite {

inline constexpr int kMessageColumnCount = 11;

// The message whose columns start at column `first` of the current row. kInternal for an
// unknown author, delivery or attachment name, or a malformed model record.
base::Result<core::Message> ReadMessage(const Query& q, int first, std::int64_t conversation_id);

}  // namespace store::sqlite
