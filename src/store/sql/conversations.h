// Contacts, their qualification answers, conversations and their message history, on either
// backend's connection: what core::Store's snapshots and the CRM read. Each function expects its
// caller to serialize access to `db`; a multi-statement read runs in the caller's transaction.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/crm.h"
#include "core/store.h"
#include "store/enum_name.h"
#include "store/rows.h"
#include "store/sql/statements.h"
#include "store/sql/workspaces.h"

namespace store::sql {

// The conversation and contact of a snapshot (without answers and history) from a row of the
// snapshot selects (FindSnapshot), which list the conversation's columns and its contact's in this
// order.
base::Result<core::ConversationSnapshot> ReadSnapshotRow(const auto& q) {
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
  auto pending_handoff = OptionalEnumColumn<core::ParseHandoffReason>(q, 18, "handoff reason");
  if (!channel.ok()) return channel.error();
  if (!folder.ok()) return folder.error();
  if (!mode.ok()) return mode.error();
  if (!language.ok()) return language.error();
  if (!contact_channel.ok()) return contact_channel.error();
  if (!pending_handoff.ok()) return pending_handoff.error();
  c.channel = *channel;
  c.folder = *folder;
  c.lease = {*mode, q.OptionalTime(6), q.Int64(7)};
  c.greeted = q.Int64(8) != 0;
  c.language = *language;
  if (auto pending = q.OptionalInt64(10)) c.pending_question = static_cast<int>(*pending);
  c.unanswered_streak = static_cast<int>(q.Int64(11));
  c.version = q.Int64(12);
  c.account_id = q.Text(16);
  if (*pending_handoff) c.pending_handoff = core::PendingHandoff{**pending_handoff, q.Text(19)};
  s.contact.id = c.contact_id;
  s.contact.workspace_id = c.workspace_id;
  s.contact.channel = *contact_channel;
  s.contact.external_id = q.Text(14);
  s.contact.display_name = q.Text(15);
  s.contact.name_set_by_user = q.Int64(17) != 0;
  return s;
}

// The contact's answers, in the order they were first given.
base::Result<std::vector<core::QualificationAnswer>> LoadAnswers(auto& db,
                                                                 std::int64_t workspace_id,
                                                                 std::int64_t contact_id) {
  static constexpr std::string_view kSelect =
      "SELECT question_index, question, label, answer, at_ms, source_message_id, id, value"
      " FROM lead_answers WHERE contact_id = $1 AND workspace_id = $2 ORDER BY id";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(contact_id, workspace_id);
  return ReadAll(*q, [](const auto& r) {
    return core::QualificationAnswer{
        static_cast<int>(r.Int64(0)), r.Text(1), r.Text(2), r.Text(3), r.Text(7), r.Time(4),
        r.OptionalInt64(5),           r.Int64(6)};
  });
}

// The conversation's newest `limit` messages, oldest first.
base::Result<std::vector<core::Message>> LoadHistory(auto& db, std::int64_t workspace_id,
                                                     std::int64_t conversation_id,
                                                     std::size_t limit) {
  // Newest first with LIMIT, reversed below. The columns of store/rows.h.
  static constexpr std::string_view kSelect =
      "SELECT id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error,"
      " attachment, author_user, model FROM messages"
      " WHERE conversation_id = $1 AND workspace_id = $2 ORDER BY id DESC LIMIT $3";
  constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id, static_cast<std::int64_t>(std::min(limit, kMaxLimit)));
  auto history = ReadAll(*q, [&](const auto& r) { return ReadMessage(r, 0, conversation_id); });
  if (history.ok()) std::reverse(history->begin(), history->end());
  return history;
}

// Steps `q` (a snapshot select) to its row, nullopt when it has none, and completes
// the snapshot with the contact's answers and the conversation's history.
base::Result<std::optional<core::ConversationSnapshot>> ReadSnapshot(auto& db, auto& q,
                                                                     std::size_t history_limit) {
  base::Result<bool> row = q.Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<core::ConversationSnapshot>();
  base::Result<core::ConversationSnapshot> snapshot = ReadSnapshotRow(q);
  if (!snapshot.ok()) return snapshot.error();
  const core::Conversation& c = snapshot->conversation;
  auto answers = LoadAnswers(db, c.workspace_id, c.contact_id);
  if (!answers.ok()) return answers.error();
  snapshot->contact.answers = std::move(*answers);
  auto history = LoadHistory(db, c.workspace_id, c.id, history_limit);
  if (!history.ok()) return history.error();
  snapshot->history = std::move(*history);
  return std::optional<core::ConversationSnapshot>(std::move(*snapshot));
}

// The conversation of `key`, nullopt when there is none.
base::Result<std::optional<core::ConversationSnapshot>> FindSnapshot(
    auto& db, const core::ConversationKey& key, std::size_t history_limit) {
  static constexpr std::string_view kSelect =
      "SELECT c.id, c.workspace_id, c.contact_id, c.channel, c.folder, c.mode, c.resume_at_ms,"
      " c.epoch, c.greeted, c.language, c.pending_question, c.unanswered_streak,"
      " c.version, k.channel, k.external_id, k.display_name, c.account_id, k.name_set_by_user,"
      " c.pending_handoff, c.pending_handoff_detail"
      " FROM contacts k JOIN conversations c"
      " ON c.workspace_id = k.workspace_id AND c.contact_id = k.id AND c.channel = k.channel"
      " WHERE k.workspace_id = $1 AND k.channel = $2 AND k.external_id = $3"
      " AND c.account_id = $4";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(key.workspace_id, core::ToString(key.channel), key.customer_id, key.account_id);
  return ReadSnapshot(db, *q, history_limit);
}

// The conversation `conversation_id` of the workspace, nullopt when it is not the workspace's.
base::Result<std::optional<core::ConversationSnapshot>> FindSnapshot(auto& db,
                                                                     std::int64_t workspace_id,
                                                                     std::int64_t conversation_id,
                                                                     std::size_t history_limit) {
  static constexpr std::string_view kSelect =
      "SELECT c.id, c.workspace_id, c.contact_id, c.channel, c.folder, c.mode, c.resume_at_ms,"
      " c.epoch, c.greeted, c.language, c.pending_question, c.unanswered_streak,"
      " c.version, k.channel, k.external_id, k.display_name, c.account_id, k.name_set_by_user,"
      " c.pending_handoff, c.pending_handoff_detail"
      " FROM conversations c JOIN contacts k ON k.id = c.contact_id"
      " WHERE c.id = $1 AND c.workspace_id = $2";
  auto q = db.Prepare(kSelect);
  if (!q.ok()) return q.error();
  q->BindAll(conversation_id, workspace_id);
  return ReadSnapshot(db, *q, history_limit);
}

// Creates the contact and conversation of `key` when missing (another instance creating them at
// the same moment is no error). kNotFound for an unknown workspace. REQUIRES: inside a write
// transaction.
base::Status CreateConversation(auto& db, const core::ConversationKey& key) {
  static constexpr std::string_view kInsertContact =
      "INSERT INTO contacts (workspace_id, channel, external_id, display_name)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
  static constexpr std::string_view kSelectContactId =
      "SELECT id FROM contacts WHERE workspace_id = $1 AND channel = $2 AND external_id = $3";
  static constexpr std::string_view kInsertConversation =
      "INSERT INTO conversations (workspace_id, contact_id, channel, folder, mode, resume_at_ms,"
      " epoch, greeted, language, pending_question, unanswered_streak, version, account_id)"
      " VALUES ($1, $2, $3, $4, $5, NULL, 0, 0, NULL, NULL, 0, 0, $6) ON CONFLICT DO NOTHING";
  if (base::Status found = RequireWorkspace(db, key.workspace_id); !found.ok()) return found;
  const std::string_view channel = core::ToString(key.channel);
  base::Status inserted =
      RunStatement(db, kInsertContact, key.workspace_id, channel, key.customer_id,
                   core::InitialContactName(key.channel, key.customer_id));
  if (!inserted.ok()) return inserted;
  std::int64_t contact_id = 0;
  {
    auto select = db.Prepare(kSelectContactId);
    if (!select.ok()) return select.error();
    base::Result<bool> row = select->BindAll(key.workspace_id, channel, key.customer_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::Internal("database error: contact vanished");
    contact_id = select->Int64(0);
  }
  const core::Conversation fresh;  // the documented initial state: open, ai, version 0
  return RunStatement(db, kInsertConversation, key.workspace_id, contact_id, channel,
                      core::ToString(fresh.folder), core::ToString(fresh.lease.mode),
                      key.account_id);
}

// The contact with its answers; kNotFound when it is not the workspace's.
base::Result<core::Contact> LoadContact(auto& db, std::int64_t workspace_id,
                                        std::int64_t contact_id) {
  static constexpr std::string_view kSelect =
      "SELECT channel, external_id, display_name FROM contacts WHERE id = $1 AND workspace_id = $2";
  core::Contact contact;
  {
    auto q = db.Prepare(kSelect);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(contact_id, workspace_id).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::NotFound("contact not found");
    base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(*q, 0, "channel");
    if (!channel.ok()) return channel.error();
    contact = {contact_id, workspace_id, *channel, q->Text(1), q->Text(2), {}};
  }
  auto answers = LoadAnswers(db, workspace_id, contact_id);
  if (!answers.ok()) return answers.error();
  contact.answers = std::move(*answers);
  return contact;
}

// OK when the conversation is the workspace's, kNotFound otherwise.
base::Status RequireConversation(auto& db, std::int64_t workspace_id,
                                 std::int64_t conversation_id) {
  static constexpr std::string_view kSelect =
      "SELECT 1 FROM conversations WHERE id = $1 AND workspace_id = $2";
  return RequireRow(db, "conversation", kSelect, conversation_id, workspace_id);
}

// The summary `sql` (a backend's select of the columns ReadConversationSummary reads, bound to $1
// the conversation and $2 the workspace) finds; kNotFound when it is not the workspace's.
base::Result<core::ConversationSummary> SelectSummary(auto& db, std::string_view sql,
                                                      std::int64_t workspace_id,
                                                      std::int64_t conversation_id) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  base::Result<bool> row = q->BindAll(conversation_id, workspace_id).Step();
  if (!row.ok()) return row.error();
  if (!*row) return base::Error::NotFound("conversation not found");
  return ReadConversationSummary(*q);
}

// Whether the workspace already holds a message with this provider id.
base::Result<bool> HasMessage(auto& db, std::int64_t workspace_id,
                              std::string_view provider_message_id) {
  static constexpr std::string_view kSelect =
      "SELECT 1 FROM messages WHERE provider_message_id = $1 AND workspace_id = $2";
  return Exists(db, kSelect, provider_message_id, workspace_id);
}

}  // namespace store::sql
