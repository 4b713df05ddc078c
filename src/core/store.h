// The Store port: durable state of every workspace. Implementations: store/sqlite (the embedded
// default) and, later, store/postgres.
//
// Isolation: every call names its workspace; an object of another workspace is kNotFound, never
// returned. Errors: kNotFound, kAlreadyExists, kConflict and kInvalidArgument as documented per
// call; kUnavailable when the database cannot be reached or is busy past its deadline; kInternal
// for a corrupt store. A failed call changes nothing.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/agent_config.h"
#include "core/audit_event.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/decision.h"
#include "core/notification.h"
#include "core/product.h"
#include "core/workspace.h"

namespace core {

// A draft configuration and its revision, which grows with every save.
struct Draft {
  AgentConfig config;
  std::int64_t revision = 0;
};

// The live configuration. `version` grows with every publish.
struct PublishedConfig {
  AgentConfig config;
  std::int64_t version = 0;
};

// What the live agent of a workspace is built from: the published configuration's version and
// the catalog's version (0 when never published / never uploaded).
struct AgentVersion {
  std::int64_t config_version = 0;
  std::int64_t catalog_version = 0;
  bool operator==(const AgentVersion&) const = default;
};

// Identifies a conversation from the outside: one customer on one channel account of a
// workspace.
struct ConversationKey {
  std::int64_t workspace_id = 0;
  Channel channel = Channel::kWeb;
  std::string customer_id;  // the channel's id of the customer
  std::string account_id;   // the workspace's channel account ("" for web chat)
};

struct DueTimer {
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  TimerKind kind = TimerKind::kResume;
  base::TimePoint due_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Workspaces ---
  // kInvalidArgument for a slug that fails IsValidSlug; kAlreadyExists when taken.
  virtual base::Result<Workspace> CreateWorkspace(const std::string& slug) = 0;
  // kNotFound when no workspace has this slug.
  virtual base::Result<Workspace> FindWorkspace(const std::string& slug) = 0;

  // --- Configuration: a draft, and the published version the live agent reads ---
  // Replaces the draft; the caller validated it with ValidateDraft. Returns the new revision.
  virtual base::Result<std::int64_t> SaveDraft(std::int64_t workspace_id,
                                               const AgentConfig& config) = 0;
  // kNotFound when no draft was ever saved.
  virtual base::Result<Draft> LoadDraft(std::int64_t workspace_id) = 0;
  // Makes the draft at `draft_revision` live, atomically. kConflict when the draft changed since
  // that revision (validate again); kNotFound when there is no draft. Returns the new version.
  virtual base::Result<std::int64_t> Publish(std::int64_t workspace_id,
                                             std::int64_t draft_revision) = 0;
  // Returns the draft to the published version. kNotFound when nothing was ever published.
  virtual base::Status DiscardDraft(std::int64_t workspace_id) = 0;
  // kNotFound when nothing was ever published.
  virtual base::Result<PublishedConfig> LoadPublished(std::int64_t workspace_id) = 0;

  // Both versions in one cheap read, so a cached agent knows when it is stale. kNotFound for an
  // unknown workspace.
  virtual base::Result<AgentVersion> LoadAgentVersion(std::int64_t workspace_id) = 0;
  // The versions of the newest agent any instance built for the workspace ({0, 0} before the
  // first): what the catalog's indexing state says on every instance. kNotFound for an unknown
  // workspace.
  virtual base::Result<AgentVersion> LoadBuiltAgentVersion(std::int64_t workspace_id) = 0;
  // Records that an agent of `version` was built. Versions only grow: a build of older versions
  // recorded after a newer one changes nothing. kNotFound for an unknown workspace.
  virtual base::Status RecordBuiltAgent(std::int64_t workspace_id, const AgentVersion& version) = 0;

  // --- Catalog: no draft, live at once ---
  // The products become the whole catalog, in one transaction. Returns the new catalog version.
  virtual base::Result<std::int64_t> ReplaceCatalog(std::int64_t workspace_id,
                                                    std::span<const Product> products) = 0;
  virtual base::Result<std::int64_t> ClearCatalog(std::int64_t workspace_id) = 0;
  // An empty catalog (version 0) when none was ever uploaded.
  virtual base::Result<Catalog> LoadCatalog(std::int64_t workspace_id) = 0;

  // --- Conversations ---
  // The conversation of `key`, creating its contact and conversation when new (new ones start in
  // folder open, mode ai, version 0 and an empty history). `history_limit` caps the messages
  // returned. kNotFound for an unknown workspace.
  virtual base::Result<ConversationSnapshot> OpenConversation(const ConversationKey& key,
                                                              std::size_t history_limit) = 0;
  // The conversation of `key` when there is one (nullopt otherwise); only reads.
  virtual base::Result<std::optional<ConversationSnapshot>> FindConversation(
      const ConversationKey& key, std::size_t history_limit) = 0;
  // kNotFound when the conversation is not in this workspace.
  virtual base::Result<ConversationSnapshot> LoadConversation(std::int64_t workspace_id,
                                                              std::int64_t conversation_id,
                                                              std::size_t history_limit) = 0;
  // Applies `decision` in one transaction when the conversation's stored version still equals
  // `decision.conversation.version`: appends messages (assigning ids and the conversation id),
  // adds answers (resolving a nullopt source to the first appended message), renames the contact
  // (contact_name) unless a user named it (core::Crm::EditLead), stores
  // notifications and audit events, sets or cancels timers, saves the conversation with
  // version + 1, and keeps what the inbox lists (core::Crm): the newest message and its time,
  // and unread (+1 per customer message, 0 after a CRM user's). The AI's and CRM users' messages of
  // conversations on Meta channels are queued in the outbox (core::Outbox) in the same transaction,
  // with delivery kQueued; so are the deliveries every webhook of the workspace is owed for its
  // messages and notifications (core::Webhooks). The same transaction announces the decision to
  // the other instances serving the database (core/announcements.h). Returns the decision as stored
  // (ids filled, new version). kConflict when the version moved: nothing is written, decide again
  // on fresh state. kAlreadyExists when a message's provider_message_id is already stored in the
  // workspace (a duplicate delivery): nothing is written.
  virtual base::Result<Decision> Commit(std::int64_t workspace_id, const Decision& decision) = 0;

  // True when the workspace already holds a message with this provider id (a duplicate delivery
  // can be skipped before any work is done on it).
  virtual base::Result<bool> HasMessage(std::int64_t workspace_id,
                                        const std::string& provider_message_id) = 0;

  // Timers of `kind` due at or before `now`, earliest first, at most `limit`, across all
  // workspaces.
  virtual base::Result<std::vector<DueTimer>> DueTimers(TimerKind kind, base::TimePoint now,
                                                        std::size_t limit) = 0;
  // As DueTimers, each claimed by the caller until `lease_until`: on a store several instances
  // share, a claimed timer is leased until then (unless a decision moves or cancels it first), so
  // no other instance's claim takes it before then, and one takes it then if the caller died.
  // DueTimers and CountDueTimers still count it: it is owed until a decision settles it. The
  // embedded store, served by one instance whose dispatchers track what they run, records no
  // lease.
  virtual base::Result<std::vector<DueTimer>> ClaimTimers(TimerKind kind, base::TimePoint now,
                                                          std::size_t limit,
                                                          base::TimePoint lease_until) = 0;
  // How many timers of `kind` are due at or before `now`, across all workspaces.
  virtual base::Result<std::size_t> CountDueTimers(TimerKind kind, base::TimePoint now) = 0;
  // The earliest pending timer of the workspace, if any.
  virtual base::Result<std::optional<base::TimePoint>> NextTimer(std::int64_t workspace_id) = 0;

  // --- Reading ---
  // kNotFound when the contact is not in this workspace.
  virtual base::Result<Contact> LoadContact(std::int64_t workspace_id, std::int64_t contact_id) = 0;
  // Newest first, at most `limit`.
  virtual base::Result<std::vector<Notification>> ListNotifications(std::int64_t workspace_id,
                                                                    std::size_t limit) = 0;
  // Oldest first. kNotFound when the conversation is not in this workspace.
  virtual base::Result<std::vector<AuditEvent>> ListAudit(std::int64_t workspace_id,
                                                          std::int64_t conversation_id) = 0;

  // --- Several calls in one transaction ---
  // Runs `work` with every call it makes on this thread to this store (through any of its ports)
  // in one database transaction: far cheaper under load than one transaction each. Each call
  // keeps its own all-or-none result (a Commit that fails undoes only itself); nothing `work`
  // wrote is visible to other threads, or durable, before it returns. When `work` returns an
  // error, or the transaction cannot commit, everything it wrote is undone and that error is
  // returned. Other threads' calls wait meanwhile: keep `work` short.
  virtual base::Status Atomically(const std::function<base::Status()>& work) = 0;

  // --- Small named values for tools (e.g. the simulated clock of `frontdesk chat`) ---
  virtual base::Result<std::optional<std::string>> GetValue(std::int64_t workspace_id,
                                                            const std::string& key) = 0;
  virtual base::Status PutValue(std::int64_t workspace_id, const std::string& key,
                                const std::string& value) = 0;
};

}  // namespace core
