#include "store/sqlite/decision_writer.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "store/enum_name.h"
#include "store/record_codec.h"
#include "store/sql/webhooks.h"
#include "store/sqlite/notification_repository.h"
#include "store/sqlite/timeline_repository.h"
#include "store/sqlite/timer_repository.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kSelectVersion =
    "SELECT c.version, c.contact_id, c.channel, c.account_id, k.external_id"
    " FROM conversations c JOIN contacts k ON k.id = c.contact_id"
    " WHERE c.id = ?1 AND c.workspace_id = ?2";
constexpr std::string_view kInsertMessage =
    "INSERT INTO messages (workspace_id, conversation_id, author, text, at_ms, epoch,"
    " provider_message_id, delivery, delivery_error, attachment, author_user, model)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, ?10, ?11)";
// A name a user set in the CRM wins over the one the channel shows (the workflow proposes no
// rename then; this guards against a rename decided before the user's edit).
constexpr std::string_view kUpdateContactName =
    "UPDATE contacts SET display_name = ?3"
    " WHERE id = ?1 AND workspace_id = ?2 AND name_set_by_user = 0";
constexpr std::string_view kInsertOutbox =
    "INSERT INTO outbox (workspace_id, conversation_id, message_id, channel, account_id,"
    " recipient, attempts, not_before_ms, lease_until_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, NULL)";
// A contact holds one answer per question (by label, or by text when it has none, as
// core::HasAnswered tells them apart): a correction replaces the answer it corrects in place,
// keeping its id and place in the list.
constexpr std::string_view kReplaceAnswer =
    "UPDATE lead_answers SET question_index = ?3, question = ?4, label = ?5, answer = ?6,"
    " at_ms = ?7, source_message_id = ?8, value = ?9"
    " WHERE workspace_id = ?1 AND contact_id = ?2"
    " AND CASE WHEN ?5 = '' THEN question = ?4 ELSE label = ?5 END";
constexpr std::string_view kInsertAnswer =
    "INSERT INTO lead_answers (workspace_id, contact_id, question_index, question, label, answer,"
    " at_ms, source_message_id, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kUpdateConversation =
    "UPDATE conversations SET folder = ?3, mode = ?4, resume_at_ms = ?5, epoch = ?6, greeted = ?7,"
    " language = ?8, pending_question = ?9, unanswered_streak = ?10, version = ?11,"
    " pending_handoff = ?16, pending_handoff_detail = ?17,"
    // What the inbox lists (InboxEffect); ?12 and ?13 are NULL when nothing was appended.
    " last_activity_ms = CASE WHEN ?12 IS NULL THEN last_activity_ms"
    "   ELSE MAX(COALESCE(last_activity_ms, ?12), ?12) END,"
    " last_message_id = COALESCE(?13, last_message_id),"
    " unread_count = CASE WHEN ?14 THEN 0 ELSE unread_count END + ?15"
    " WHERE id = ?1 AND workspace_id = ?2";

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
bool GoesThroughOutbox(core::Channel channel, core::Author author) {
  return channel != core::Channel::kWeb &&
         (author == core::Author::kAi || author == core::Author::kHumanCrm);
}

base::Result<StoredConversation> SelectStored(Connection& db, std::int64_t workspace_id,
                                              std::int64_t conversation_id) {
  base::Result<Query> q = db.Prepare(kSelectVersion);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(conversation_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("conversation not found");
  base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 2, "channel");
  if (!channel.ok()) return channel.error();
  return StoredConversation{q->Int64(0), q->Int64(1), *channel, q->Text(3), q->Text(4)};
}

base::Status InsertMessage(Connection& db, std::int64_t workspace_id,
                           const StoredConversation& stored, core::Message& m) {
  const bool outgoing = GoesThroughOutbox(stored.channel, m.author);
  if (outgoing) m.delivery = core::DeliveryStatus::kQueued;
  base::Result<Query> insert = db.Prepare(kInsertMessage);
  if (!insert.ok()) return insert.error();
  const std::optional<std::string_view> provider_id =
      m.provider_message_id.empty() ? std::nullopt
                                    : std::optional<std::string_view>(m.provider_message_id);
  const std::optional<std::string_view> attachment =
      m.attachment == core::Attachment::kNone ? std::nullopt
                                              : std::optional(core::ToString(m.attachment));
  const std::optional<std::string_view> user =
      m.user.empty() ? std::nullopt : std::optional<std::string_view>(m.user);
  const std::optional<std::string> model =
      m.model ? std::optional(EncodeModelRecord(*m.model)) : std::nullopt;
  const std::optional<std::string_view> model_column =
      model ? std::optional<std::string_view>(*model) : std::nullopt;
  base::Status done = insert
                          ->BindAll(workspace_id, m.conversation_id, core::ToString(m.author),
                                    m.text, m.at, m.epoch, provider_id, core::ToString(m.delivery),
                                    attachment, user, model_column)
                          .Run();
  if (!done.ok()) {
    if (done.error().code != base::ErrorCode::kAlreadyExists) return done;
    return base::Error::AlreadyExists("message " + m.provider_message_id + " is already stored");
  }
  m.id = db.LastInsertId();
  if (!outgoing) return base::Status::Ok();
  base::Result<Query> queue = db.Prepare(kInsertOutbox);
  if (!queue.ok()) return queue.error();
  return queue
      ->BindAll(workspace_id, m.conversation_id, m.id, core::ToString(stored.channel),
                stored.account_id, stored.recipient, m.at)
      .Run();
}

// Stores `a`, replacing the contact's answer to the same question if there is one.
base::Status SaveAnswer(Connection& db, std::int64_t workspace_id, std::int64_t contact_id,
                        const core::QualificationAnswer& a) {
  for (const std::string_view sql : {kReplaceAnswer, kInsertAnswer}) {
    base::Result<Query> q = db.Prepare(sql);
    if (!q.ok()) return q.error();
    base::Status done =
        q->BindAll(workspace_id, contact_id, std::int64_t{a.question_index}, a.question, a.label,
                   a.answer, a.at, a.source_message_id, a.value)
            .Run();
    if (!done.ok() || db.Changes() > 0) return done;  // replaced, or inserted
  }
  return base::Status::Ok();
}

// What the appended messages do to the inbox: the newest message time and id, and the customer
// messages since the last CRM reply (a reply marks the conversation read).
struct InboxEffect {
  std::optional<base::TimePoint> latest_at;
  std::optional<std::int64_t> last_message_id;
  bool read = false;  // a CRM reply: unread restarts from 0
  std::int64_t unread_added = 0;
};

InboxEffect InboxEffectOf(const std::vector<core::Message>& appended) {
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

base::Status UpdateConversation(Connection& db, const core::Conversation& c,
                                const std::vector<core::Message>& appended) {
  const InboxEffect inbox = InboxEffectOf(appended);
  base::Result<Query> update = db.Prepare(kUpdateConversation);
  if (!update.ok()) return update.error();
  const std::optional<std::string_view> language =
      c.language ? std::optional(core::ToString(*c.language)) : std::nullopt;
  const std::optional<std::int64_t> pending =
      c.pending_question ? std::optional<std::int64_t>(*c.pending_question) : std::nullopt;
  const std::optional<std::string_view> pending_handoff =
      c.pending_handoff ? std::optional(core::ToString(c.pending_handoff->reason)) : std::nullopt;
  return update
      ->BindAll(c.id, c.workspace_id, core::ToString(c.folder), core::ToString(c.lease.mode),
                c.lease.resume_at, c.lease.epoch, std::int64_t{c.greeted}, language, pending,
                std::int64_t{c.unanswered_streak}, c.version, inbox.latest_at,
                inbox.last_message_id, std::int64_t{inbox.read}, inbox.unread_added,
                pending_handoff, c.pending_handoff ? c.pending_handoff->detail : std::string())
      .Run();
}

// Resolves a nullopt source to the decision's first message (nullopt when it has none).
void ResolveSources(std::vector<core::QualificationAnswer>& answers,
                    std::optional<std::int64_t> first_message_id) {
  for (core::QualificationAnswer& a : answers) {
    if (!a.source_message_id) a.source_message_id = first_message_id;
  }
}

// Writes everything of `out` (a copy of the decision, completed in place) after the version check.
base::Status Write(Connection& db, std::int64_t workspace_id, const StoredConversation& stored,
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
    base::Status done = SaveAnswer(db, workspace_id, stored.contact_id, a);
    if (!done.ok()) return done;
    a.id = db.LastInsertId();
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
    base::Result<Query> rename = db.Prepare(kUpdateContactName);
    if (!rename.ok()) return rename.error();
    base::Status done = rename->BindAll(stored.contact_id, workspace_id, *out.contact_name).Run();
    if (!done.ok()) return done;
  }
  out.conversation.workspace_id = workspace_id;
  out.conversation.contact_id = stored.contact_id;
  out.conversation.channel = stored.channel;
  out.conversation.account_id = stored.account_id;
  out.conversation.version = stored.version + 1;
  if (base::Status done = sql::QueueWebhookDeliveries(db, workspace_id, out); !done.ok())
    return done;
  return UpdateConversation(db, out.conversation, out.messages);
}

}  // namespace

base::Result<core::Decision> Commit(Connection& db, std::int64_t workspace_id,
                                    const core::Decision& decision) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<StoredConversation> stored =
      SelectStored(db, workspace_id, decision.conversation.id);
  if (!stored.ok()) return stored.error();
  if (stored->version != decision.conversation.version) {
    return base::Error::Conflict("conversation changed (version " +
                                 std::to_string(decision.conversation.version) + " is now " +
                                 std::to_string(stored->version) + "): decide again");
  }
  core::Decision out = decision;
  if (base::Status written = Write(db, workspace_id, *stored, out); !written.ok()) {
    return written.error();
  }
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return out;
}

}  // namespace store::sqlite
