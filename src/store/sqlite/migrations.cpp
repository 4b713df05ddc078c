#include "store/sqlite/migrations.h"

#include <array>
#include <string>

#include "store/sqlite/transaction.h"

namespace store::sqlite {
namespace {

// Times are int64 milliseconds since the Unix epoch; enums are their wire names (core/enums.h).
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE
);
CREATE TABLE agent_configs (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id),
  draft_json TEXT,
  draft_revision INTEGER NOT NULL DEFAULT 0,
  published_json TEXT,
  published_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE catalog_versions (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id),
  version INTEGER NOT NULL
);
CREATE TABLE products (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  price TEXT NOT NULL,
  currency TEXT NOT NULL,
  stock INTEGER,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  attributes_json TEXT NOT NULL,
  PRIMARY KEY (workspace_id, position)
);
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  UNIQUE (workspace_id, channel, external_id)
);
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  channel TEXT NOT NULL,
  folder TEXT NOT NULL,
  mode TEXT NOT NULL,
  resume_at_ms INTEGER,
  epoch INTEGER NOT NULL,
  greeted INTEGER NOT NULL,
  language TEXT,
  pending_question INTEGER,
  unanswered_streak INTEGER NOT NULL,
  version INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  UNIQUE (workspace_id, contact_id, channel, account_id)
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  provider_message_id TEXT,
  delivery TEXT NOT NULL,
  delivery_error TEXT NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE UNIQUE INDEX messages_by_provider_id ON messages (provider_message_id, workspace_id)
  WHERE provider_message_id IS NOT NULL;
CREATE TABLE lead_answers (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  question_index INTEGER NOT NULL,
  question TEXT NOT NULL,
  label TEXT NOT NULL,
  answer TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  source_message_id INTEGER REFERENCES messages(id)
);
CREATE INDEX lead_answers_by_contact ON lead_answers (contact_id, id);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  last_messages_json TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  read INTEGER NOT NULL
);
CREATE INDEX notifications_by_workspace ON notifications (workspace_id, at_ms, id);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  detail TEXT NOT NULL,
  mode_after TEXT NOT NULL,
  resume_at_ms INTEGER,
  at_ms INTEGER NOT NULL
);
CREATE INDEX audit_events_by_conversation ON audit_events (conversation_id, at_ms, id);
CREATE TABLE timers (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL,
  due_at_ms INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, kind)
) WITHOUT ROWID;
CREATE INDEX timers_by_due ON timers (due_at_ms);
CREATE INDEX timers_by_workspace ON timers (workspace_id, due_at_ms);
CREATE TABLE kv (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key)
);
)sql";

// Channels: accounts, the queue of Meta's raw callbacks (called the inbox then), and the outbox.
constexpr const char* kChannels = R"sql(
CREATE TABLE channel_accounts (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  channel TEXT NOT NULL,
  account_id TEXT NOT NULL,
  access_token TEXT NOT NULL,
  app_secret TEXT NOT NULL,
  verify_token TEXT NOT NULL,
  app_id TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (channel, account_id)
) WITHOUT ROWID;
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  body BLOB NOT NULL,
  received_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  not_before_ms INTEGER NOT NULL,
  parked_reason TEXT
);
CREATE INDEX inbox_by_due ON inbox (not_before_ms, id) WHERE parked_reason IS NULL;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  message_id INTEGER NOT NULL REFERENCES messages(id),
  channel TEXT NOT NULL,
  account_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  not_before_ms INTEGER NOT NULL,
  lease_until_ms INTEGER,
  sending INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_by_due ON outbox (not_before_ms, id);
CREATE INDEX outbox_by_recipient ON outbox (channel, account_id, recipient);
)sql";

// The send time of our messages (MarkSent's `at`), for receipts that name a time instead of
// messages (Messenger's watermark). Messages sent before this migration that still await a receipt
// take their decision time: the closest time known. The index holds only those messages.
constexpr const char* kSentAt = R"sql(
ALTER TABLE messages ADD COLUMN sent_at_ms INTEGER;
UPDATE messages SET sent_at_ms = at_ms
  WHERE delivery IN ('sent', 'delivered') AND provider_message_id IS NOT NULL;
CREATE INDEX messages_awaiting_receipt ON messages (conversation_id, sent_at_ms)
  WHERE delivery IN ('sent', 'delivered');
)sql";

// What a customer sent instead of words (core::Attachment wire names); NULL for words.
constexpr const char* kAttachment = R"sql(
ALTER TABLE messages ADD COLUMN attachment TEXT;
)sql";

// The outbox hands out a conversation's items one at a time, in order (an item waits while an
// earlier one of its conversation remains).
constexpr const char* kOutboxOrder = R"sql(
CREATE INDEX outbox_by_conversation ON outbox (conversation_id, id);
)sql";

// The people of the CRM: users (email + Argon2id hash) and their role in each workspace, one
// owner per workspace.
constexpr const char* kUsers = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE memberships (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id);
CREATE UNIQUE INDEX memberships_one_owner ON memberships (workspace_id) WHERE role = 'owner';
)sql";

// Signed-in browsers and personal API tokens, by the SHA-256 of their secret.
constexpr const char* kSignIn = R"sql(
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);
)sql";

// The CRM: what the inbox lists, denormalized onto each conversation and kept by every Commit
// (newest message time and id, customer messages since a user last read or replied, priority),
// backfilled from the history, with one index for every tab (channel walks are merged for "all
// channels"; unread is in the index) and one of the unread ones to count; who wrote a CRM reply;
// labels, notes and audited edits of leads; a name a user set, kept over the channel's. Full-text
// search (FTS5, word prefixes, accents and case folded) over message text and contact names. A
// message's search rowid is its conversation id * 2^32 + the low 32 bits of its id: a match names
// its conversation without reading the message, and one conversation's matches are one rowid range.
// Messages are indexed in batches after their commit (search_progress: the last message indexed),
// names by triggers.
constexpr const char* kCrm = R"sql(
ALTER TABLE conversations ADD COLUMN last_activity_ms INTEGER;
ALTER TABLE conversations ADD COLUMN last_message_id INTEGER;
ALTER TABLE conversations ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE messages ADD COLUMN author_user TEXT;
ALTER TABLE contacts ADD COLUMN name_set_by_user INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET
  last_message_id = (SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id),
  last_activity_ms = (SELECT MAX(m.at_ms) FROM messages m
                      WHERE m.conversation_id = conversations.id),
  unread_count = (SELECT COUNT(*) FROM messages m
                  WHERE m.conversation_id = conversations.id AND m.author = 'customer'
                  AND m.id > COALESCE((SELECT MAX(h.id) FROM messages h
                                       WHERE h.conversation_id = conversations.id
                                       AND h.author = 'human_crm'), 0));
CREATE INDEX conversations_by_tab ON conversations
  (workspace_id, folder, channel, last_activity_ms, id, unread_count)
  WHERE last_activity_ms IS NOT NULL;
CREATE INDEX conversations_unread ON conversations (workspace_id, folder, channel)
  WHERE unread_count > 0;
CREATE TABLE contact_labels (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX contact_labels_by_label ON contact_labels (workspace_id, label, contact_id);
CREATE TABLE lead_notes (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX lead_notes_by_contact ON lead_notes (contact_id, id);
CREATE TABLE lead_edits (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  field TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  user_email TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX lead_edits_by_contact ON lead_edits (contact_id, id);
CREATE INDEX notifications_by_id ON notifications (workspace_id, id);
CREATE INDEX notifications_unread ON notifications (workspace_id) WHERE read = 0;
CREATE VIRTUAL TABLE message_search USING fts5(text, content = '', columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');
CREATE VIRTUAL TABLE contact_search USING fts5(display_name, content = 'contacts',
  content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');
INSERT INTO message_search (rowid, text)
  SELECT (conversation_id << 32) | (id & 4294967295), text FROM messages;
INSERT INTO contact_search (contact_search) VALUES ('rebuild');
CREATE TABLE search_progress (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 0),
  last_message_id INTEGER NOT NULL
);
INSERT INTO search_progress VALUES (0, COALESCE((SELECT MAX(id) FROM messages), 0));
CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contact_search (rowid, display_name) VALUES (new.id, new.display_name);
END;
CREATE TRIGGER contacts_search_rename AFTER UPDATE OF display_name ON contacts BEGIN
  INSERT INTO contact_search (contact_search, rowid, display_name)
    VALUES ('delete', old.id, old.display_name);
  INSERT INTO contact_search (rowid, display_name) VALUES (new.id, new.display_name);
END;
)sql";

// A delivery is due at next_attempt_ms (NULL once given up); a claim moves it to the end of its
// lease. Deleting a webhook drops what it was still owed.
constexpr const char* kWebhooks = R"sql(
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id, id);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  message_id INTEGER REFERENCES messages(id),
  notification_id INTEGER REFERENCES notifications(id),
  created_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_ms, id)
  WHERE next_attempt_ms IS NOT NULL;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id);
)sql";

// A web chat visitor's cookie (32 lowercase hex characters, app/web_chat.cpp) is their only
// credential, yet it was their contact's id and, until a user renamed them, their name, copied
// into notifications and lead edits. Now a visitor is known by the cookie's SHA-256, which the
// web chat computes the same way, and named by its start (core::InitialContactName).
constexpr const char* kVisitorKeys = R"sql(
CREATE TEMP TABLE visitor_cookies AS
  SELECT id, external_id AS cookie,
         'Web visitor ' || substr(sha256_hex(external_id), 1, 4) AS name
  FROM contacts
  WHERE channel = 'web' AND length(external_id) = 32 AND external_id NOT GLOB '*[^0-9a-f]*';
UPDATE notifications SET customer_name =
    (SELECT name FROM visitor_cookies v WHERE v.id = notifications.contact_id)
  WHERE customer_name = (SELECT cookie FROM visitor_cookies v WHERE v.id = notifications.contact_id);
UPDATE lead_edits SET before_json =
    (SELECT json_quote(name) FROM visitor_cookies v WHERE v.id = lead_edits.contact_id)
  WHERE before_json =
    (SELECT json_quote(cookie) FROM visitor_cookies v WHERE v.id = lead_edits.contact_id);
UPDATE lead_edits SET after_json =
    (SELECT json_quote(name) FROM visitor_cookies v WHERE v.id = lead_edits.contact_id)
  WHERE after_json =
    (SELECT json_quote(cookie) FROM visitor_cookies v WHERE v.id = lead_edits.contact_id);
UPDATE contacts SET display_name = (SELECT name FROM visitor_cookies v WHERE v.id = contacts.id)
  WHERE name_set_by_user = 0 AND display_name = external_id
    AND id IN (SELECT id FROM visitor_cookies);
UPDATE contacts SET external_id = sha256_hex(external_id)
  WHERE id IN (SELECT id FROM visitor_cookies);
DROP TABLE visitor_cookies;
)sql";

// A debounce timer became the reply timer: a customer is owed a reply when it comes due, whatever
// the debounce window (0 makes it due at once), and the reply pool, not the timer scheduler, runs
// it. Timers are looked up by kind.
constexpr const char* kReplyTimers = R"sql(
UPDATE timers SET kind = 'reply' WHERE kind = 'debounce';
DROP INDEX timers_by_due;
CREATE INDEX timers_by_kind_due ON timers (kind, due_at_ms, conversation_id);
)sql";

// An AI message a language model took part in keeps how (core::ModelRecord, EncodeModelRecord).
constexpr const char* kModelRecords = R"sql(
ALTER TABLE messages ADD COLUMN model TEXT;
)sql";

// A notification says why in words (the rule of a reserved topic), as the audit event does.
constexpr const char* kNotificationDetail = R"sql(
ALTER TABLE notifications ADD COLUMN detail TEXT NOT NULL DEFAULT '';
)sql";

// A web chat handoff waits for the customer's contact details (core::PendingHandoff): the reason
// (NULL when none waits) and its detail.
constexpr const char* kPendingHandoff = R"sql(
ALTER TABLE conversations ADD COLUMN pending_handoff TEXT;
ALTER TABLE conversations ADD COLUMN pending_handoff_detail TEXT NOT NULL DEFAULT '';
)sql";

// A qualification answer keeps what the customer wrote (answer) and what it means for the
// question's type (value); answers from before keep their text as their value.
constexpr const char* kAnswerValues = R"sql(
ALTER TABLE lead_answers ADD COLUMN value TEXT NOT NULL DEFAULT '';
UPDATE lead_answers SET value = answer;
)sql";

// The files customers send (core::Media): metadata here, the bytes in the media directory, named
// by their sha256. At most one per message (several since migration 18). `due_at_ms` orders the
// pending downloads (and leases a claimed one until then).
constexpr const char* kMedia = R"sql(
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  message_id INTEGER NOT NULL REFERENCES messages(id),
  channel TEXT NOT NULL,
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  due_at_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX media_by_message ON media (message_id);
CREATE INDEX media_by_conversation ON media (conversation_id, message_id);
CREATE INDEX media_due ON media (due_at_ms) WHERE state = 'pending';
)sql";

// The callbacks were moved to the callback queue's file first (sqlite::MoveCallbacksToQueueFile).
constexpr const char* kInboxMoved = "DROP TABLE inbox;";

// A Messenger or Instagram message may carry several attachments: one row each, by source.
constexpr const char* kSeveralMediaPerMessage = R"sql(
DROP INDEX media_by_message;
CREATE UNIQUE INDEX media_by_message ON media (message_id, source);
)sql";

// Failed sign-ins by key (an email, a client address), kept where every process sees them
// (core::Users::RecordFailedSignIn): the window's first failure and the count since.
constexpr const char* kSignInFailures = R"sql(
CREATE TABLE sign_in_failures (
  key TEXT PRIMARY KEY,
  first_at_ms INTEGER NOT NULL,
  failures INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sign_in_failures_by_first ON sign_in_failures (first_at_ms);
)sql";

// The model tokens each workspace's turns used per UTC day (core::TokenUsage), where every
// process sees them: the daily budget counted once, across restarts too.
constexpr const char* kModelTokens = R"sql(
CREATE TABLE model_tokens (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  day INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, day)
) WITHOUT ROWID;
)sql";

// A timer claimed by an instance sharing the database (PostgreSQL's core::Store::ClaimTimers) is
// leased until then; the column keeps the two schemas alike, and a decision's timer change clears
// it on either. One instance serves a SQLite file: nothing here leases a timer.
constexpr const char* kTimerLeases = "ALTER TABLE timers ADD COLUMN lease_until_ms INTEGER;";

// The versions of the newest agent built, which the catalog's indexing state reads.
constexpr const char* kBuiltAgent = R"sql(
ALTER TABLE workspaces ADD COLUMN built_config_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN built_catalog_version INTEGER NOT NULL DEFAULT 0;
)sql";

// The schema before the first release was edited in place; from the first release on, every
// change is a new migration appended here.
constexpr std::array kMigrations{
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "channels: accounts, inbox, outbox", kChannels},
    Migration{3, "messages: send time, for receipts by watermark", kSentAt},
    Migration{4, "messages: attachments", kAttachment},
    Migration{5, "outbox: in order per conversation", kOutboxOrder},
    Migration{6, "users and memberships", kUsers},
    Migration{7, "sessions and API tokens", kSignIn},
    Migration{8, "CRM: inbox lists, labels, notes, lead edits, search", kCrm},
    Migration{9, "outgoing webhooks and their deliveries", kWebhooks},
    Migration{10, "contacts: web chat visitors known by the hash of their cookie", kVisitorKeys},
    Migration{11, "timers: the reply timer, looked up by kind", kReplyTimers},
    Migration{12, "messages: how a language model made an AI message", kModelRecords},
    Migration{13, "notifications: why, in words", kNotificationDetail},
    Migration{14, "conversations: a handoff waiting for contact details", kPendingHandoff},
    Migration{15, "lead answers: the value read by the question's type", kAnswerValues},
    Migration{16, "media: the files customers send", kMedia},
    Migration{17, "inbox: moved to a file of its own (sqlite::CallbackQueue)", kInboxMoved},
    Migration{18, "media: several files per message", kSeveralMediaPerMessage},
    Migration{19, "failed sign-ins, shared by every process", kSignInFailures},
    Migration{20, "model tokens per workspace and day", kModelTokens},
    Migration{21, "timers: the lease of a claimed one", kTimerLeases},
    Migration{22, "workspaces: the newest agent built", kBuiltAgent},
};

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL)";
constexpr std::string_view kSelectLatest =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)";

base::Result<std::int64_t> LatestApplied(Connection& db) {
  base::Result<Query> query = db.Prepare(kSelectLatest);
  if (!query.ok()) return query.error();
  base::Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  return *row ? query->Int64(0) : 0;
}

base::Status Apply(Connection& db, const Migration& migration) {
  base::Result<Transaction> txn = Transaction::Begin(db, TransactionKind::kWrite);
  if (!txn.ok()) return txn.error();
  // Another process may have applied it while this one waited for the write lock.
  base::Result<std::int64_t> latest = LatestApplied(db);
  if (!latest.ok()) return latest.error();
  if (*latest >= migration.version) return base::Status::Ok();
  base::Status applied = db.Execute(migration.sql);
  if (!applied.ok()) return applied;
  {
    base::Result<Query> insert = db.Prepare(kInsertMigration);
    if (!insert.ok()) return insert.error();
    base::Status recorded = insert->BindAll(migration.version, migration.name).Run();
    if (!recorded.ok()) return recorded;
  }
  return txn->Commit();
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

base::Status Migrate(Connection& db, std::span<const Migration> migrations) {
  base::Status created = db.Execute(kCreateMigrationsTable);
  if (!created.ok()) return created;
  base::Result<std::int64_t> latest = LatestApplied(db);
  if (!latest.ok()) return latest.error();
  const std::int64_t known = migrations.empty() ? 0 : migrations.back().version;
  if (*latest > known) {
    return base::Error::FailedPrecondition("database schema version " + std::to_string(*latest) +
                                           " is newer than this build supports (" +
                                           std::to_string(known) + "); upgrade frontdesk");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= *latest) continue;
    base::Status applied = Apply(db, migration);
    if (!applied.ok()) return applied;
  }
  return base::Status::Ok();
}

}  // namespace store::sqlite
