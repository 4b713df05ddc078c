// Lead profiles (a contact with its labels, notes, answers and conversations) and their audited
// edits, on either backend's connection: core::Crm's lead calls, with their contracts
// (core/crm.h). Each function expects its caller to serialize access to `db`; the writes and
// multi-statement reads open their own transaction (joining the caller's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/crm.h"
#include "store/record_codec.h"
#include "store/sql/conversations.h"
#include "store/sql/statements.h"

namespace store::sql {
namespace leads {

// OK when the contact is the workspace's, kNotFound "lead not found" otherwise.
base::Status RequireLead(auto& db, std::int64_t workspace_id, std::int64_t contact_id) {
  static constexpr std::string_view kSelect =
      "SELECT 1 FROM contacts WHERE id = $1 AND workspace_id = $2";
  return RequireRow(db, "lead", kSelect, contact_id, workspace_id);
}

// The rows `sql` gives bound to (contact, workspace), read by `read`.
auto ContactRows(auto& db, std::string_view sql, std::int64_t contact_id, std::int64_t workspace_id,
                 auto read) {
  auto q = db.Prepare(sql);
  using Rows = decltype(ReadAll(*q, read));
  if (!q.ok()) return Rows(q.error());
  q->BindAll(contact_id, workspace_id);
  return ReadAll(*q, read);
}

base::Status InsertEdit(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                        const core::LeadEdit& e) {
  static constexpr std::string_view kInsert =
      "INSERT INTO lead_edits (workspace_id, contact_id, field, before_json, after_json,"
      " user_email, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  return RunStatement(db, kInsert, workspace_id, contact_id, e.field, EncodeLeadValue(e.before),
                      EncodeLeadValue(e.after), e.user, e.at);
}

base::Status ReplaceLabels(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                           const std::vector<std::string>& labels) {
  static constexpr std::string_view kDelete =
      "DELETE FROM contact_labels WHERE contact_id = $1 AND workspace_id = $2";
  static constexpr std::string_view kInsert =
      "INSERT INTO contact_labels (workspace_id, contact_id, position, label)"
      " VALUES ($1, $2, $3, $4)";
  if (base::Status done = RunStatement(db, kDelete, contact_id, workspace_id); !done.ok()) {
    return done;
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    base::Status done = RunStatement(db, kInsert, workspace_id, contact_id,
                                     static_cast<std::int64_t>(i), labels[i]);
    if (!done.ok()) return done;
  }
  return base::Status::Ok();
}

}  // namespace leads

base::Result<core::Lead> LoadLead(auto& db, std::int64_t workspace_id, std::int64_t contact_id) {
  static constexpr std::string_view kSelectLabels =
      "SELECT label FROM contact_labels WHERE contact_id = $1 AND workspace_id = $2"
      " ORDER BY position";
  static constexpr std::string_view kSelectNotes =
      "SELECT id, text, author, at_ms FROM lead_notes WHERE contact_id = $1 AND workspace_id = $2"
      " ORDER BY id";
  static constexpr std::string_view kSelectConversations =
      "SELECT id FROM conversations WHERE contact_id = $1 AND workspace_id = $2 ORDER BY id";
  auto txn = BeginRead(db);
  if (!txn.ok()) return txn.error();
  base::Result<core::Contact> contact = LoadContact(db, workspace_id, contact_id);
  if (!contact.ok()) {
    if (contact.error().code == base::ErrorCode::kNotFound) {
      return base::Error::NotFound("lead not found");
    }
    return contact.error();
  }
  auto labels = leads::ContactRows(db, kSelectLabels, contact_id, workspace_id,
                                   [](const auto& r) { return r.Text(0); });
  if (!labels.ok()) return labels.error();
  auto notes = leads::ContactRows(db, kSelectNotes, contact_id, workspace_id, [&](const auto& r) {
    return core::LeadNote{r.Int64(0), contact_id, r.Text(1), r.Text(2), r.Time(3)};
  });
  if (!notes.ok()) return notes.error();
  auto conversations = leads::ContactRows(db, kSelectConversations, contact_id, workspace_id,
                                          [](const auto& r) { return r.Int64(0); });
  if (!conversations.ok()) return conversations.error();
  return core::Lead{std::move(*contact), std::move(*labels), std::move(*notes),
                    std::move(*conversations)};
}

base::Result<core::Lead> EditLead(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                                  const core::LeadChange& change, const std::string& user,
                                  base::TimePoint at) {
  static constexpr std::string_view kRename =
      "UPDATE contacts SET display_name = $3, name_set_by_user = 1"
      " WHERE id = $1 AND workspace_id = $2";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  base::Result<core::Lead> before = LoadLead(db, workspace_id, contact_id);
  if (!before.ok()) return before.error();
  if (change.name) {
    if (base::Status done = RunStatement(db, kRename, contact_id, workspace_id, *change.name);
        !done.ok()) {
      return done.error();
    }
    if (*change.name != before->contact.display_name) {
      base::Status done =
          leads::InsertEdit(db, workspace_id, contact_id,
                            {0, "name", before->contact.display_name, *change.name, user, at});
      if (!done.ok()) return done.error();
    }
  }
  if (change.labels && *change.labels != before->labels) {
    base::Status done = leads::ReplaceLabels(db, workspace_id, contact_id, *change.labels);
    if (done.ok()) {
      done = leads::InsertEdit(db, workspace_id, contact_id,
                               {0, "labels", before->labels, *change.labels, user, at});
    }
    if (!done.ok()) return done.error();
  }
  base::Result<core::Lead> after = LoadLead(db, workspace_id, contact_id);
  if (!after.ok()) return after.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return after;
}

base::Result<core::Lead> EditAnswer(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                                    std::int64_t answer_id, const std::string& answer,
                                    const std::string& user, base::TimePoint at) {
  static constexpr std::string_view kUpdate =
      "UPDATE lead_answers SET answer = $3, value = $3 WHERE id = $1 AND workspace_id = $2";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  base::Result<core::Lead> before = LoadLead(db, workspace_id, contact_id);
  if (!before.ok()) return before.error();
  const std::vector<core::QualificationAnswer>& answers = before->contact.answers;
  std::size_t position = 0;
  while (position < answers.size() && answers[position].id != answer_id) ++position;
  if (position == answers.size()) return base::Error::NotFound("answer not found");
  // A person edits the value the lead shows; their words become its provenance too.
  if (answers[position].value != answer) {
    base::Status done = RunStatement(db, kUpdate, answer_id, workspace_id, answer);
    if (done.ok()) {
      done = leads::InsertEdit(db, workspace_id, contact_id,
                               {0, "answers[" + std::to_string(position) + "]",
                                answers[position].value, answer, user, at});
    }
    if (!done.ok()) return done.error();
  }
  base::Result<core::Lead> after = LoadLead(db, workspace_id, contact_id);
  if (!after.ok()) return after.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return after;
}

base::Result<core::LeadNote> AddNote(auto& db, std::int64_t workspace_id, std::int64_t contact_id,
                                     const std::string& text, const std::string& user,
                                     base::TimePoint at) {
  static constexpr std::string_view kInsert =
      "INSERT INTO lead_notes (workspace_id, contact_id, text, author, at_ms)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id";
  auto txn = BeginWrite(db);
  if (!txn.ok()) return txn.error();
  if (base::Status found = leads::RequireLead(db, workspace_id, contact_id); !found.ok()) {
    return found.error();
  }
  core::LeadNote note{0, contact_id, text, user, at};
  {
    auto q = db.Prepare(kInsert);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(workspace_id, contact_id, text, user, at).Step();
    if (!row.ok()) return row.error();
    note.id = q->Int64(0);
  }
  base::Status done =
      leads::InsertEdit(db, workspace_id, contact_id, {0, "note", {}, text, user, at});
  if (!done.ok()) return done.error();
  if (done = txn->Commit(); !done.ok()) return done.error();
  return note;
}

base::Result<std::vector<core::LeadEdit>> ListLeadEdits(auto& db, std::int64_t workspace_id,
                                                        std::int64_t contact_id) {
  static constexpr std::string_view kSelect =
      "SELECT id, field, before_json, after_json, user_email, at_ms FROM lead_edits"
      " WHERE contact_id = $1 AND workspace_id = $2 ORDER BY id";
  auto txn = BeginRead(db);
  if (!txn.ok()) return txn.error();
  if (base::Status found = leads::RequireLead(db, workspace_id, contact_id); !found.ok()) {
    return found.error();
  }
  return leads::ContactRows(
      db, kSelect, contact_id, workspace_id, [](const auto& r) -> base::Result<core::LeadEdit> {
        auto before = DecodeLeadValue(r.Text(2));
        if (!before.ok()) return before.error();
        auto after = DecodeLeadValue(r.Text(3));
        if (!after.ok()) return after.error();
        return core::LeadEdit{r.Int64(0),        r.Text(1), std::move(*before),
                              std::move(*after), r.Text(4), r.Time(5)};
      });
}

}  // namespace store::sql
