// Commit: applies a workflow Decision to a conversation in one transaction, guarded by the
// conversation's version (optimistic concurrency), on either backend's connection.
//
// The version is compared first. On PostgreSQL the conversation's row is locked as it is read (a
// concurrent commit of the same conversation ends first, and the version read is its) and
// duplicates are looked for before anything is written: an expected refusal (kConflict,
// kAlreadyExists, kNotFound) writes nothing and leaves the enclosing transaction usable, which
// PostgreSQL, without savepoints, needs inside Atomically. On SQLite the write transaction holds
// the database's write lock, and a refusal rolls back its savepoint.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/result.h"
#include "core/decision.h"
#include "store/enum_name.h"
#include "store/postgres/connection.h"
#include "store/record_codec.h"
#include "store/sql/conversations.h"
#include "store/sql/notifications.h"
#include "store/sql/statements.h"
#include "store/sql/timeline.h"
#include "store/sql/timers.h"
#include "store/sql/webhooks.h"

namespace store::sql {
namespace decision_writer {

// What a decision may not change about its conversation, as stored.
struct StoredConversation {
  std::int64_t version = 0;
  std::int64_t contact_id = 0;
  core::Channel channel = core::Channel::kWeb;
  std::string account_id;
  std::string recipient;  // the contact's id on the channel
};

// Messages that go out through a provider: the AI's and CRM users' on Meta channels. (Web chat
// replies are pushed to the browser from the committed decision; owner echoes went out already.)
inline bool GoesThroughOutbox(core::Channel channel, core::Author author) {
  return channel != core::Channel::kWeb &&
         (author == core::Author::kAi || author == core::Author::kHumanCrm);
}

// Whether `Db` is PostgreSQL's connection, whose transactions run side by side: a commit locks its
// conversation's row and refuses before writing. SQLite's write transaction holds the database's
// write lock throughout, and a refusal rolls its savepoint back.
template <typename Db>
inline constexpr bool kRowLocking = std::is_same_v<Db, postgres::Connection>;

base::Result<StoredConversation> SelectStored(auto& db, std::int64_t workspace_id,
                                              std::int64_t conversation_id) {
  static constexpr std::string_view kSelect =
      "SELECT c.version, c.contact_id, c.channel, c.account_id, k.external_id"
      " FROM conversations c JOIN contacts k ON k.id = c.contact_id"
      " WHERE c.id = $1 AND c.workspace_id = $2";
  // Waits for a commit of the same conversation on another connection, then reads its version.
  static constexpr std::string_view kSelectLocked =
      "SELECT c.version, c.contact_id, c.channel, c.account_id, k.external_id"
      " FROM conversations c JOIN contacts k ON k.id = c.contact_id"
      " WHERE c.id = $1 AND c.workspace_id = $2 FOR UPDATE OF c";
  auto q = db.Prepare(kRowLocking<std::remove_cvref_t<decltype(db)>> ? kSelectLocked : kSelect);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(conversation_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("conversation not found");
  base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 2, "channel");
  if (!channel.ok()) return channel.error();
  return StoredConversation{q->Int64(0), q->Int64(1), *channel, q->Text(3), q->Text(4)};
}

inline base::Error Moved(std::int64_t expected, std::string_view now) {
  return base::Error::Conflict("conversation changed (version " + std::to_string(expected) +
                               " is now " + std::string(now) + "): decide again");
}

// kAlreadyExists when a message of `messages` with a provider id is stored already.
base::Status RefuseDuplicates(auto& db, std::int64_t workspace_id,
                              const std::vector<core::Message>& messages) {
  for (const core::Message& m : messages) {
    if (m.provider_message_id.empty()) continue;
    base::Result<bool> known = HasMessage(db, workspace_id, m.provider_message_id);
    if (!known.ok()) return known.error();
    if (*known) {
      return base::Error::AlreadyExists("message " + m.provider_message_id + " is already stored");
    }
  }
  return base::Status::Ok();
}

base::Status InsertMessage(auto& db, std::int64_t workspace_id, const StoredConversation& stored,
                           core::Message& m) {
  static constexpr std::string_view kInsert =
      "INSERT INTO messages (workspace_id, conversation_id, author, text, at_ms, epoch,"
      " provider_message_id, delivery, delivery_error, attachment, author_user, model)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, $10, $11) RETURNING id";
  static constexpr std::string_view kQueue =
      "INSERT INTO outbox (workspace_id, conversation_id, message_id, channel, account_id,"
      " recipient, attempts, not_before_ms, lease_until_ms)"
      " VALUES ($1, $2, $3, $4, $5, $6, 0, $7, NULL)";
  const bool outgoing = GoesThroughOutbox(stored.channel, m.author);
  if (outgoing) m.delivery = core::DeliveryStatus::kQueued;
  const auto optional_text = [](std::string_view s) {
    return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
  };
  const std::optional<std::string_view> attachment =
      m.attachment == core::Attachment::kNone ? std::nullopt
                                              : std::optional(core::ToString(m.attachment));
  const std::optional<std::string> model =
      m.model ? std::optional(EncodeModelRecord(*m.model)) : std::nullopt;
  {
    auto insert = db.Prepare(kInsert);
    if (!insert.ok()) return insert.error();
    base::Result<bool> row =
        insert
            ->BindAll(workspace_id, m.conversation_id, core::ToString(m.author), m.text, m.at,
                      m.epoch, optional_text(m.provider_message_id), core::ToString(m.delivery),
                      attachment, optional_text(m.user),
                      model ? std::optional<std::string_view>(*model) : std::nullopt)
            .Step();
    if (!row.ok()) {
      if (row.error().code != base::ErrorCode::kAlreadyExists) return row.error();
      return base::Error::AlreadyExists("message " + m.provider_message_id + " is already stored");
    }
    m.id = insert->Int64(0);
  }
  if (!outgoing) return base::Status::Ok();
  return RunStatement(db, kQueue, workspace_id, m.conversation_id, m.id,
                      core::ToString(stored.channel), stored.account_id, stored.recipient, m.at);
}

// Stores `a`, replacing the contact's answer to the same question if there is one, and sets its
// id. A contact holds one answer per question (by label, or by text when it has none, as
// core::HasAnswered tells them apart): a correction replaces the answer it corrects in place,
// keeping its id and place in the list.
base::Status SaveAnswer(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                        core::QualificationAnswer& a) {
  static constexpr std::string_view kReplace =
      "UPDATE lead_answers SET question_index = $3, question = $4, label = $5, answer = $6,"
      " at_ms = $7, source_message_id = $8, value = $9"
      " WHERE workspace_id = $1 AND contact_id = $2"
      " AND CASE WHEN $5 = '' THEN question = $4 ELSE label = $5 END RETURNING id";
  static constexpr std::string_view kInsert =
      "INSERT INTO lead_answers (workspace_id, contact_id, question_index, question, label,"
      " answer, at_ms, source_message_id, value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
      " RETURNING id";
  for (const std::string_view sql : {kReplace, kInsert}) {
    auto q = db.Prepare(sql);
    if (!q.ok()) return q.error();
    base::Result<bool> row =
        q->BindAll(workspace_id, contact_id, std::int64_t{a.question_index}, a.question, a.label,
                   a.answer, a.at, a.source_message_id, a.value)
            .Step();
    if (!row.ok()) return row.error();
    if (*row) {  // replaced, or inserted
      a.id = q->Int64(0);
      return base::Status::Ok();
    }
  }
  return base::Error::Internal("database error: answer not stored");
}

// What the appended messages do to the inbox: the newest message time and id, and the customer
// messages since the last CRM reply (a reply marks the conversation read).
struct InboxEffect {
  std::optional<base::TimePoint> latest_at;
  std::optional<std::int64_t> last_message_id;
  bool read = false;  // a CRM reply: unread restarts from 0
  std::int64_t unread_added = 0;
};

inline InboxEffect InboxEffectOf(const std::vector<core::Message>& appended) {
  InboxEffect effect;
  for (const core::Message& m : appended) {
    effect.latest_at = effect.latest_at ? std::max(*effect.latest_at, m.at) : m.at;
    effect.last_message_id = m.id;
    if (m.author == core::Author::kHumanCrm) {
      effect.read = true;
      effect.unread_added = 0;
    } else if (m.author == core::Author::kCustomer) {
      ++effect.unread_added;
    }
  }
  return effect;
}

base::Status UpdateConversation(auto& db, const core::Conversation& c,
                                const std::vector<core::Message>& appended) {
  static constexpr std::string_view kUpdate =
      "UPDATE conversations SET folder = $3, mode = $4, resume_at_ms = $5, epoch = $6,"
      " greeted = $7, language = $8, pending_question = $9, unanswered_streak = $10,"
      " pending_handoff = $15, pending_handoff_detail = $16, version = $17,"
      // What the inbox lists (InboxEffect); $11 and $12 are NULL when nothing was appended.
      " last_activity_ms = CASE WHEN last_activity_ms IS NULL OR last_activity_ms < $11"
      "   THEN $11 ELSE last_activity_ms END,"
      " last_message_id = COALESCE($12, last_message_id),"
      " unread_count = CASE WHEN $13 = 1 THEN 0 ELSE unread_count END + $14"
      " WHERE id = $1 AND workspace_id = $2";
  const InboxEffect inbox = InboxEffectOf(appended);
  const std::optional<std::string_view> language =
      c.language ? std::optional(core::ToString(*c.language)) : std::nullopt;
  const std::optional<std::int64_t> pending =
      c.pending_question ? std::optional<std::int64_t>(*c.pending_question) : std::nullopt;
  const std::optional<std::string_view> pending_handoff =
      c.pending_handoff ? std::optional(core::ToString(c.pending_handoff->reason)) : std::nullopt;
  return RunStatement(db, kUpdate, c.id, c.workspace_id, core::ToString(c.folder),
                      core::ToString(c.lease.mode), c.lease.resume_at, c.lease.epoch,
                      std::int64_t{c.greeted}, language, pending, std::int64_t{c.unanswered_streak},
                      inbox.latest_at, inbox.last_message_id, std::int64_t{inbox.read},
                      inbox.unread_added, pending_handoff,
                      c.pending_handoff ? c.pending_handoff->detail : std::string(), c.version);
}

// Resolves a nullopt source to the decision's first message (nullopt when it has none).
inline void ResolveSources(std::vector<core::QualificationAnswer>& answers,
                           std::optional<std::int64_t> first_message_id) {
  for (core::QualificationAnswer& a : answers) {
    if (!a.source_message_id) a.source_message_id = first_message_id;
  }
}

base::Status RenameContact(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                           const std::string& name) {
  // A name a user set in the CRM wins over the one the channel shows (the workflow proposes no
  // rename then; this guards against a rename decided before the user's edit).
  static constexpr std::string_view kUpdate =
      "UPDATE contacts SET display_name = $3"
      " WHERE id = $1 AND workspace_id = $2 AND name_set_by_user = 0";
  return RunStatement(db, kUpdate, contact_id, workspace_id, name);
}

// Writes everything of `out` (a copy of the decision, completed in place) after the version
// check.
base::Status Write(auto& db, std::int64_t workspace_id, const StoredConversation& stored,
                   core::Decision& out) {
  const std::int64_t conversation_id = out.conversation.id;
  for (core::Message& m : out.messages) {
    m.conversation_id = conversation_id;
    if (base::Status done = InsertMessage(db, workspace_id, stored, m); !done.ok()) return done;
  }
  const std::optional<std::int64_t> first_message_id =
      out.messages.empty() ? std::nullopt : std::optional(out.messages.front().id);
  ResolveSources(out.answers, first_message_id);
  for (core::QualificationAnswer& a : out.answers) {
    if (base::Status done = SaveAnswer(db, workspace_id, stored.contact_id, a); !done.ok()) {
      return done;
    }
  }
  for (core::Notification& n : out.notifications) {
    n.workspace_id = workspace_id;
    n.conversation_id = conversation_id;
    n.contact_id = stored.contact_id;
    ResolveSources(n.answers, first_message_id);
    base::Result<std::int64_t> id = InsertNotification(db, n);
    if (!id.ok()) return id.error();
    n.id = *id;
  }
  for (core::AuditEvent& e : out.audit) {
    e.conversation_id = conversation_id;
    base::Result<std::int64_t> id = InsertAudit(db, workspace_id, e);
    if (!id.ok()) return id.error();
    e.id = *id;
  }
  for (const core::TimerChange& change : out.timers) {
    base::Status done = ApplyTimerChange(db, workspace_id, conversation_id, change);
    if (!done.ok()) return done;
  }
  if (out.contact_name) {
    base::Status done = RenameContact(db, workspace_id, stored.contact_id, *out.contact_name);
    if (!done.ok()) return done;
  }
  out.conversation.workspace_id = workspace_id;
  out.conversation.contact_id = stored.contact_id;
  out.conversation.channel = stored.channel;
  out.conversation.account_id = stored.account_id;
  out.conversation.version = stored.version + 1;
  if (base::Status done = QueueWebhookDeliveries(db, workspace_id, out); !done.ok()) return done;
  return UpdateConversation(db, out.conversation, out.messages);
}

}  // namespace decision_writer

// Implements core::Store::Commit; the caller serializes access to `db`. Besides the ids the
// contract names, the returned decision carries the stored conversation's workspace, contact and
// channel (which a decision cannot change), notifications carry the conversation's contact, and
// a nullopt answer source inside a notification resolves like the decision's own answers.
base::Result<core::Decision> CommitDecision(auto& db, std::int64_t workspace_id,
                                            const core::Decision& decision) {
  using namespace decision_writer;
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  const std::int64_t expected = decision.conversation.version;
  base::Result<StoredConversation> stored =
      SelectStored(db, workspace_id, decision.conversation.id);
  if (!stored.ok()) return stored.error();
  if (stored->version != expected) return Moved(expected, std::to_string(stored->version));
  if constexpr (kRowLocking<std::remove_cvref_t<decltype(db)>>) {
    // Refused before anything is written: PostgreSQL has no savepoint to roll back to.
    if (base::Status fresh = RefuseDuplicates(db, workspace_id, decision.messages); !fresh.ok()) {
      return fresh.error();
    }
  }
  core::Decision out = decision;
  if (base::Status written = Write(db, workspace_id, *stored, out); !written.ok()) {
    return written.error();
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return out;
}

}  // namespace store::sql
