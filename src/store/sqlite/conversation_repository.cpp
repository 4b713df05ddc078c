#include "store/sqlite/conversation_repository.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "store/enum_name.h"
#include "store/rows.h"
#include "store/sql/records.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"
#include "store/sqlite/store.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// Both snapshot queries return the columns ReadSnapshotRow reads, in this order.
constexpr std::string_view kSelectSnapshotByKey =
    "SELECT c.id, c.workspace_id, c.contact_id, c.channel, c.folder, c.mode, c.resume_at_ms,"
    " c.epoch, c.greeted, c.language, c.pending_question, c.unanswered_streak,"
    " c.version, k.channel, k.external_id, k.display_name, c.account_id, k.name_set_by_user,"
    " c.pending_handoff, c.pending_handoff_detail"
    " FROM contacts k JOIN conversations c"
    " ON c.workspace_id = k.workspace_id AND c.contact_id = k.id AND c.channel = k.channel"
    " WHERE k.workspace_id = ?1 AND k.channel = ?2 AND k.external_id = ?3"
    " AND c.account_id = ?4";
constexpr std::string_view kSelectSnapshotById =
    "SELECT c.id, c.workspace_id, c.contact_id, c.channel, c.folder, c.mode, c.resume_at_ms,"
    " c.epoch, c.greeted, c.language, c.pending_question, c.unanswered_streak,"
    " c.version, k.channel, k.external_id, k.display_name, c.account_id, k.name_set_by_user,"
    " c.pending_handoff, c.pending_handoff_detail"
    " FROM conversations c JOIN contacts k ON k.id = c.contact_id"
    " WHERE c.id = ?1 AND c.workspace_id = ?2";
constexpr std::string_view kSelectContact =
    "SELECT channel, external_id, display_name FROM contacts WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSelectAnswers =
    "SELECT question_index, question, label, answer, at_ms, source_message_id, id, value"
    " FROM lead_answers WHERE contact_id = ?1 AND workspace_id = ?2 ORDER BY id";
// Newest first with LIMIT, reversed by the reader. The columns of message_row.h.
constexpr std::string_view kSelectHistory =
    "SELECT id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error,"
    " attachment, author_user, model FROM messages"
    " WHERE conversation_id = ?1 AND workspace_id = ?2 ORDER BY id DESC LIMIT ?3";
constexpr std::string_view kSelectConversation =
    "SELECT 1 FROM conversations WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kInsertContact =
    "INSERT INTO contacts (workspace_id, channel, external_id, display_name)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectContactId =
    "SELECT id FROM contacts WHERE workspace_id = ?1 AND channel = ?2 AND external_id = ?3";
constexpr std::string_view kInsertConversation =
    "INSERT INTO conversations (workspace_id, contact_id, channel, folder, mode, resume_at_ms,"
    " epoch, greeted, language, pending_question, unanswered_streak, version, account_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, NULL, 0, 0, NULL, NULL, 0, 0, ?6) ON CONFLICT DO NOTHING";

base::Result<core::ConversationSnapshot> ReadSnapshotRow(const Query& q) {
  core::ConversationSnapshot s;
  core::Conversation& c = s.conversation;
  c.id = q.Int64(0);
  c.workspace_id = q.Int64(1);
  c.contact_id = q.Int64(2);
  auto channel = EnumColumn<core::ParseChannel>(q, 3, "channel");
  auto folder = EnumColumn<core::ParseFolder>(q, 4, "folder");
  auto mode = EnumColumn<core::ParseMode>(q, 5, "mode");
  auto language = OptionalEnumColumn<core::ParseLanguage>(q, 9, "language");
  auto contact_channel = EnumColumn<core::ParseChannel>(q, 13, "channel");
  if (!channel.ok()) return channel.error();
  if (!folder.ok()) return folder.error();
  if (!mode.ok()) return mode.error();
  if (!language.ok()) return language.error();
  if (!contact_channel.ok()) return contact_channel.error();
  c.channel = *channel;
  c.folder = *folder;
  c.lease = {*mode, q.OptionalTime(6), q.Int64(7)};
  c.greeted = q.Int64(8) != 0;
  c.language = *language;
  if (auto pending = q.OptionalInt64(10)) c.pending_question = static_cast<int>(*pending);
  c.unanswered_streak = static_cast<int>(q.Int64(11));
  c.version = q.Int64(12);
  s.contact.id = c.contact_id;
  s.contact.workspace_id = c.workspace_id;
  s.contact.channel = *contact_channel;
  s.contact.external_id = q.Text(14);
  s.contact.display_name = q.Text(15);
  c.account_id = q.Text(16);
  s.contact.name_set_by_user = q.Int64(17) != 0;
  auto pending_handoff = OptionalEnumColumn<core::ParseHandoffReason>(q, 18, "handoff reason");
  if (!pending_handoff.ok()) return pending_handoff.error();
  if (*pending_handoff) c.pending_handoff = core::PendingHandoff{**pending_handoff, q.Text(19)};
  return s;
}

base::Result<std::vector<core::QualificationAnswer>> LoadAnswers(Connection& db,
                                                                 std::int64_t workspace_id,
                                                                 std::int64_t contact_id) {
  base::Result<Query> q = db.Prepare(kSelectAnswers);
  if (!q.ok()) return q.error();
  q->BindAll(contact_id, workspace_id);
  std::vector<core::QualificationAnswer> answers;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return answers;
    answers.push_back({static_cast<int>(q->Int64(0)), q->Text(1), q->Text(2), q->Text(3),
                       q->Text(7), q->Time(4), q->OptionalInt64(5), q->Int64(6)});
  }
}

base::Result<std::vector<core::Message>> LoadHistory(Connection& db, std::int64_t workspace_id,
                                                     std::int64_t conversation_id,
                                                     std::size_t limit) {
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  base::Result<Query> q = db.Prepare(kSelectHistory);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  std::vector<core::Message> history;
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    base::Result<core::Message> m = ReadMessage(*q, 0, conversation_id);
    if (!m.ok()) return m.error();
    history.push_back(std::move(*m));
  }
  std::reverse(history.begin(), history.end());
  return history;
}

// Reads the snapshot row `q` selected (nullopt when it found none) and completes it with the
// contact's answers and the conversation's history.
base::Result<std::optional<core::ConversationSnapshot>> ReadSnapshot(Connection& db, Query q,
                                                                     std::size_t history_limit) {
  base::Result<bool> row = q.Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<core::ConversationSnapshot>();
  base::Result<core::ConversationSnapshot> snapshot = ReadSnapshotRow(q);
  if (!snapshot.ok()) return snapshot.error();
  const core::Conversation& c = snapshot->conversation;
  base::Result<std::vector<core::QualificationAnswer>> answers =
      LoadAnswers(db, c.workspace_id, c.contact_id);
  if (!answers.ok()) return answers.error();
  snapshot->contact.answers = std::move(*answers);
  base::Result<std::vector<core::Message>> history =
      LoadHistory(db, c.workspace_id, c.id, history_limit);
  if (!history.ok()) return history.error();
  snapshot->history = std::move(*history);
  return std::optional<core::ConversationSnapshot>(std::move(*snapshot));
}

base::Result<std::optional<core::ConversationSnapshot>> FindByKey(Connection& db,
                                                                  const core::ConversationKey& key,
                                                                  std::size_t history_limit) {
  base::Result<Query> q = db.Prepare(kSelectSnapshotByKey);
  if (!q.ok()) return q.error();
  q->BindAll(key.workspace_id, core::ToString(key.channel), key.customer_id, key.account_id);
  return ReadSnapshot(db, std::move(*q), history_limit);
}

// Creates the contact and conversation of `key` when missing. Runs inside a write transaction.
base::Status CreateConversation(Connection& db, const core::ConversationKey& key) {
  if (base::Status found = RequireWorkspace(db, key.workspace_id); !found.ok()) return found;
  const std::string_view channel = core::ToString(key.channel);
  {
    base::Result<Query> insert = db.Prepare(kInsertContact);
    if (!insert.ok()) return insert.error();
    base::Status done = insert
                            ->BindAll(key.workspace_id, channel, key.customer_id,
                                      core::InitialContactName(key.channel, key.customer_id))
                            .Run();
    if (!done.ok()) return done;
  }
  base::Result<Query> select = db.Prepare(kSelectContactId);
  if (!select.ok()) return select.error();
  base::Result<bool> row = select->BindAll(key.workspace_id, channel, key.customer_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::Internal("database error: contact vanished");
  const std::int64_t contact_id = select->Int64(0);
  const core::Conversation fresh;  // the documented initial state: open, ai, version 0
  base::Result<Query> insert = db.Prepare(kInsertConversation);
  if (!insert.ok()) return insert.error();
  return insert
      ->BindAll(key.workspace_id, contact_id, channel, core::ToString(fresh.folder),
                core::ToString(fresh.lease.mode), key.account_id)
      .Run();
}

}  // namespace

base::Result<std::optional<core::ConversationSnapshot>> Store::FindConversation(
    const core::ConversationKey& key, std::size_t history_limit) {
  auto [lock, db] = file_.Read();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  auto found = FindByKey(db, key, history_limit);
  if (!found.ok()) return found.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return found;
}

base::Result<core::ConversationSnapshot> Store::OpenConversation(const core::ConversationKey& key,
                                                                 std::size_t history_limit) {
  // The common case, an existing conversation, only reads, without waiting for the writer.
  auto existing = FindConversation(key, history_limit);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return std::move(**existing);
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status created = CreateConversation(db, key); !created.ok()) return created.error();
  auto found = FindByKey(db, key, history_limit);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return base::Error::Internal("database error: conversation vanished");
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return std::move(**found);
}

base::Result<core::ConversationSnapshot> Store::LoadConversation(std::int64_t workspace_id,
                                                                 std::int64_t conversation_id,
                                                                 std::size_t history_limit) {
  auto [lock, db] = file_.Read();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  base::Result<Query> q = db.Prepare(kSelectSnapshotById);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id);
  auto found = ReadSnapshot(db, std::move(*q), history_limit);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return base::Error::NotFound("conversation not found");
  return std::move(**found);
}

base::Result<core::Contact> LoadContact(Connection& db, std::int64_t workspace_id,
                                        std::int64_t contact_id) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  core::Contact contact;
  {
    base::Result<Query> q = db.Prepare(kSelectContact);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(contact_id, workspace_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("contact not found");
    base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 0, "channel");
    if (!channel.ok()) return channel.error();
    contact = {contact_id, workspace_id, *channel, q->Text(1), q->Text(2), {}};
  }
  base::Result<std::vector<core::QualificationAnswer>> answers =
      LoadAnswers(db, workspace_id, contact_id);
  if (!answers.ok()) return answers.error();
  contact.answers = std::move(*answers);
  return contact;
}

base::Result<core::Contact> Store::LoadContact(std::int64_t workspace_id, std::int64_t contact_id) {
  auto [lock, db] = file_.Write();
  return sqlite::LoadContact(db, workspace_id, contact_id);
}

base::Status RequireConversation(Connection& db, std::int64_t workspace_id,
                                 std::int64_t conversation_id) {
  return RequireRow(db, "conversation", kSelectConversation, conversation_id, workspace_id);
}

}  // namespace store::sqlite
