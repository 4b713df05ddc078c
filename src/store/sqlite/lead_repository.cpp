#include "store/record_codec.h"
#include "store/sql/conversations.h"
#include "store/sql/statements.h"
#include "store/sqlite/crm.h"
#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

constexpr std::string_view kSelectContact =
    "SELECT 1 FROM contacts WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kSelectLabels =
    "SELECT label FROM contact_labels WHERE contact_id = ?1 AND workspace_id = ?2"
    " ORDER BY position";
constexpr std::string_view kSelectNotes =
    "SELECT id, text, author, at_ms FROM lead_notes WHERE contact_id = ?1 AND workspace_id = ?2"
    " ORDER BY id";
constexpr std::string_view kSelectConversationIds =
    "SELECT id FROM conversations WHERE workspace_id = ?2 AND contact_id = ?1 ORDER BY id";
constexpr std::string_view kRename =
    "UPDATE contacts SET display_name = ?3, name_set_by_user = 1"
    " WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kDeleteLabels =
    "DELETE FROM contact_labels WHERE contact_id = ?1 AND workspace_id = ?2";
constexpr std::string_view kInsertLabel =
    "INSERT INTO contact_labels (workspace_id, contact_id, position, label)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kUpdateAnswer =
    "UPDATE lead_answers SET answer = ?3, value = ?3 WHERE id = ?1 AND workspace_id = ?2";
constexpr std::string_view kInsertNote =
    "INSERT INTO lead_notes (workspace_id, contact_id, text, author, at_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kInsertEdit =
    "INSERT INTO lead_edits (workspace_id, contact_id, field, before_json, after_json,"
    " user_email, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSelectEdits =
    "SELECT id, field, before_json, after_json, user_email, at_ms FROM lead_edits"
    " WHERE contact_id = ?1 AND workspace_id = ?2 ORDER BY id";

// Runs `sql` bound to (contact, workspace) and calls `read` on each row; stops at its error.
template <typename Read>
base::Status EachRow(Connection& db, std::string_view sql, std::int64_t contact_id,
                     std::int64_t workspace_id, Read read) {
  base::Result<Query> q = db.Prepare(sql);
  if (!q.ok()) return q.error();
  q->BindAll(contact_id, workspace_id);
  while (true) {
    base::Result<bool> row = q->Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Status::Ok();
    if (base::Status done = read(*q); !done.ok()) return done;
  }
}

base::Status InsertEdit(Connection& db, std::int64_t workspace_id, std::int64_t contact_id,
                        const core::LeadEdit& e) {
  base::Result<Query> insert = db.Prepare(kInsertEdit);
  if (!insert.ok()) return insert.error();
  return insert
      ->BindAll(workspace_id, contact_id, e.field, EncodeLeadValue(e.before),
                EncodeLeadValue(e.after), e.user, e.at)
      .Run();
}

base::Status ReplaceLabels(Connection& db, std::int64_t workspace_id, std::int64_t contact_id,
                           const std::vector<std::string>& labels) {
  {
    base::Result<Query> clear = db.Prepare(kDeleteLabels);
    if (!clear.ok()) return clear.error();
    if (base::Status done = clear->BindAll(contact_id, workspace_id).Run(); !done.ok()) {
      return done;
    }
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    base::Result<Query> insert = db.Prepare(kInsertLabel);
    if (!insert.ok()) return insert.error();
    base::Status done =
        insert->BindAll(workspace_id, contact_id, static_cast<std::int64_t>(i), labels[i]).Run();
    if (!done.ok()) return done;
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<core::Lead> Crm::LoadLead(std::int64_t workspace_id, std::int64_t contact_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  base::Result<core::Contact> contact = sql::LoadContact(db, workspace_id, contact_id);
  if (!contact.ok()) {
    if (contact.error().code == base::ErrorCode::kNotFound) {
      return base::Error::NotFound("lead not found");
    }
    return contact.error();
  }
  core::Lead lead{std::move(*contact), {}, {}, {}};
  base::Status read = EachRow(db, kSelectLabels, contact_id, workspace_id, [&](const Query& q) {
    lead.labels.push_back(q.Text(0));
    return base::Status::Ok();
  });
  if (!read.ok()) return read.error();
  read = EachRow(db, kSelectNotes, contact_id, workspace_id, [&](const Query& q) {
    lead.notes.push_back({q.Int64(0), contact_id, q.Text(1), q.Text(2), q.Time(3)});
    return base::Status::Ok();
  });
  if (!read.ok()) return read.error();
  read = EachRow(db, kSelectConversationIds, contact_id, workspace_id, [&](const Query& q) {
    lead.conversation_ids.push_back(q.Int64(0));
    return base::Status::Ok();
  });
  if (!read.ok()) return read.error();
  return lead;
}

base::Result<core::Lead> Crm::EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                       const core::LeadChange& change, const std::string& user,
                                       base::TimePoint at) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<core::Lead> before = LoadLead(workspace_id, contact_id);
  if (!before.ok()) return before.error();
  if (change.name) {
    if (base::Status done = RunStatement(db, kRename, contact_id, workspace_id, *change.name);
        !done.ok()) {
      return done.error();
    }
    if (*change.name != before->contact.display_name) {
      base::Status done =
          InsertEdit(db, workspace_id, contact_id,
                     {0, "name", before->contact.display_name, *change.name, user, at});
      if (!done.ok()) return done.error();
    }
  }
  if (change.labels && *change.labels != before->labels) {
    base::Status done = ReplaceLabels(db, workspace_id, contact_id, *change.labels);
    if (done.ok()) {
      done = InsertEdit(db, workspace_id, contact_id,
                        {0, "labels", before->labels, *change.labels, user, at});
    }
    if (!done.ok()) return done.error();
  }
  base::Result<core::Lead> after = LoadLead(workspace_id, contact_id);
  if (!after.ok()) return after.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return after;
}

base::Result<core::Lead> Crm::EditAnswer(std::int64_t workspace_id, std::int64_t contact_id,
                                         std::int64_t answer_id, const std::string& answer,
                                         const std::string& user, base::TimePoint at) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  base::Result<core::Lead> before = LoadLead(workspace_id, contact_id);
  if (!before.ok()) return before.error();
  const std::vector<core::QualificationAnswer>& answers = before->contact.answers;
  std::size_t position = 0;
  while (position < answers.size() && answers[position].id != answer_id) ++position;
  if (position == answers.size()) return base::Error::NotFound("answer not found");
  // A person edits the value the lead shows; their words become its provenance too.
  if (answers[position].value != answer) {
    base::Result<Query> update = db.Prepare(kUpdateAnswer);
    if (!update.ok()) return update.error();
    base::Status done = update->BindAll(answer_id, workspace_id, answer).Run();
    if (done.ok()) {
      done = InsertEdit(db, workspace_id, contact_id,
                        {0, "answers[" + std::to_string(position) + "]", answers[position].value,
                         answer, user, at});
    }
    if (!done.ok()) return done.error();
  }
  base::Result<core::Lead> after = LoadLead(workspace_id, contact_id);
  if (!after.ok()) return after.error();
  if (base::Status done = txn->Commit(); !done.ok()) return done.error();
  return after;
}

base::Result<core::LeadNote> Crm::AddNote(std::int64_t workspace_id, std::int64_t contact_id,
                                          const std::string& text, const std::string& user,
                                          base::TimePoint at) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireRow(db, "lead", kSelectContact, contact_id, workspace_id);
      !found.ok()) {
    return found.error();
  }
  core::LeadNote note{0, contact_id, text, user, at};
  {
    base::Result<Query> insert = db.Prepare(kInsertNote);
    if (!insert.ok()) return insert.error();
    base::Status done = insert->BindAll(workspace_id, contact_id, text, user, at).Run();
    if (!done.ok()) return done.error();
  }
  note.id = db.LastInsertId();
  base::Status done = InsertEdit(db, workspace_id, contact_id, {0, "note", {}, text, user, at});
  if (!done.ok()) return done.error();
  if (done = txn->Commit(); !done.ok()) return done.error();
  return note;
}

base::Result<std::vector<core::LeadEdit>> Crm::ListLeadEdits(std::int64_t workspace_id,
                                                             std::int64_t contact_id) {
  auto [lock, db] = file_.Write();
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kRead);
  if (!txn.ok()) return txn.error();
  if (base::Status found = RequireRow(db, "lead", kSelectContact, contact_id, workspace_id);
      !found.ok()) {
    return found.error();
  }
  std::vector<core::LeadEdit> edits;
  base::Status read = EachRow(db, kSelectEdits, contact_id, workspace_id, [&](const Query& q) {
    auto before = DecodeLeadValue(q.Text(2));
    if (!before.ok()) return base::Status(before.error());
    auto after = DecodeLeadValue(q.Text(3));
    if (!after.ok()) return base::Status(after.error());
    edits.push_back(
        {q.Int64(0), q.Text(1), std::move(*before), std::move(*after), q.Text(4), q.Time(5)});
    return base::Status::Ok();
  });
  if (!read.ok()) return read.error();
  return edits;
}

}  // namespace store::sqlite
