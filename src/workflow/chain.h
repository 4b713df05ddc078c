// An event and the reply it is owed, decided before either is stored, committed as one decision.
// A brain that answers at once is asked for the reply before the transaction that stores the
// message (runtime::Engine::PrepareReply): Decide the message, DecideReply on the conversation the
// message leaves, then Chain both into the one decision the store applies, guarded by the version
// of the snapshot both were decided on.
#pragma once

#include "core/conversation.h"
#include "core/decision.h"

namespace workflow {

// The snapshot as it will be once `decision` is stored: the conversation's new state (version
// unchanged: the store still compares the snapshot's), the decision's messages appended without
// ids (0 until stored), the contact renamed when the decision renames it.
core::ConversationSnapshot After(core::ConversationSnapshot snapshot,
                                 const core::Decision& decision);

// `first`, then `then` (decided on After(snapshot, first)), as one decision: the messages,
// answers, notifications and audit events of both in order, the conversation as `then` leaves it,
// the last change of each timer kind, the latest contact name. An answer `then` sourced from a
// message of `first` (id 0) is resolved by the store to `first`'s event message, the first
// appended. REQUIRES: `first` appends the event's message first (Decide does).
core::Decision Chain(core::Decision first, core::Decision then);

}  // namespace workflow
