// The Crm port: what people do in the CRM besides answering — the shared inbox (listing,
// unread, folders, priority), lead profiles (labels, notes, audited edits) and notifications.
// Changes of mode never go through here: they are events of the engine (core/event.h).
//
// Isolation: every call names its workspace; a conversation, contact, answer or notification of
// another workspace is kNotFound, never listed. Errors as in core::Store (kUnavailable,
// kInternal); a failed call changes nothing. A page of `limit` 0 is empty. Thread-safety: every
// method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/enums.h"
#include "core/message.h"
#include "core/notification.h"

namespace core {

// A conversation as the inbox shows it.
struct ConversationSummary {
  std::int64_t id = 0;
  Channel channel = Channel::kWeb;
  std::string account_id;
  Folder folder = Folder::kOpen;
  ControlLease lease;
  Priority priority = Priority::kNormal;
  std::int64_t unread = 0;          // customer messages since a user last read or replied
  std::vector<std::string> labels;  // its contact's, in the order they were set
  std::int64_t contact_id = 0;
  std::string contact_name;
  std::string external_id;  // the contact's id on the channel
  std::optional<Message> last_message;
  // The newest message time; nullopt while it has no message (lists never show it then).
  std::optional<base::TimePoint> last_activity;
};

// Which conversations a list shows.
struct ConversationFilter {
  std::optional<Channel> channel;  // nullopt: every channel
  Folder folder = Folder::kOpen;
  bool unread_only = false;
  std::optional<std::string> label;  // only conversations whose contact has this label
  // Words that must all start a word of the contact's name or of one of its messages
  // (case and accents ignored); "" for no search.
  std::string search;
};

// Where a page of a conversation list ended: its last conversation's activity and id. The next
// page holds the conversations strictly after it in the list's order.
struct ConversationCursor {
  base::TimePoint last_activity;
  std::int64_t id = 0;
  bool operator==(const ConversationCursor&) const = default;
};

struct ConversationPage {
  std::vector<ConversationSummary> conversations;  // newest activity first (ties: higher id)
  std::optional<ConversationCursor> next;          // nullopt on the last page
};

// Conversations with unread messages.
struct UnreadCounts {
  std::map<Channel, std::int64_t> channels;  // within one folder; every channel present
  std::map<Folder, std::int64_t> folders;    // across channels; every folder present
};

struct MessagePage {
  std::vector<Message> messages;            // newest first
  std::optional<std::int64_t> next_before;  // the id to page on from; nullopt on the last page
};

// What a user changes about a conversation; nullopt leaves it.
struct ConversationChange {
  std::optional<Folder> folder;
  std::optional<Priority> priority;
};

// An internal note on a lead, seen only by the workspace's users.
struct LeadNote {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string text;
  std::string author;  // the user's email
  base::TimePoint at;
};

// The value of a lead field before or after an edit: none (a new note has no "before"), a text
// (name, an answer, a note) or a list (labels).
using LeadValue = std::variant<std::monostate, std::string, std::vector<std::string>>;

// One audited edit of a lead by a user.
struct LeadEdit {
  std::int64_t id = 0;
  std::string field;  // "name", "labels", "answers[2]" (its position in Lead answers), "note"
  LeadValue before;
  LeadValue after;
  std::string user;  // email
  base::TimePoint at;
};

// The lead profile: the contact with its answers, labels, notes and conversations.
struct Lead {
  Contact contact;
  std::vector<std::string> labels;
  std::vector<LeadNote> notes;                 // oldest first
  std::vector<std::int64_t> conversation_ids;  // ascending
};

// What a user changes about a lead; nullopt leaves it.
struct LeadChange {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> labels;
};

struct NotificationPage {
  std::vector<Notification> notifications;  // newest first
  std::int64_t unread = 0;                  // in the whole workspace
  std::optional<std::int64_t> next_before;  // nullopt on the last page
};

class Crm {
 public:
  virtual ~Crm() = default;

  // --- The inbox ---
  // A page of at most `limit` conversations with at least one message matching `filter`,
  // starting after `after` (from the first when nullopt).
  virtual base::Result<ConversationPage> ListConversations(
      std::int64_t workspace_id, const ConversationFilter& filter,
      const std::optional<ConversationCursor>& after, std::size_t limit) = 0;
  // Channels counted within `channels_folder`.
  virtual base::Result<UnreadCounts> CountUnread(std::int64_t workspace_id,
                                                 Folder channels_folder) = 0;
  // kNotFound when the conversation is not in this workspace.
  virtual base::Result<ConversationSummary> LoadSummary(std::int64_t workspace_id,
                                                        std::int64_t conversation_id) = 0;
  // At most `limit` messages, newest first, with ids below `before` (from the newest when
  // nullopt). kNotFound when the conversation is not in this workspace.
  virtual base::Result<MessagePage> ListMessages(std::int64_t workspace_id,
                                                 std::int64_t conversation_id,
                                                 std::optional<std::int64_t> before,
                                                 std::size_t limit) = 0;
  // Applies `change` by `user` at `at` and returns the new summary. Each value that changed
  // leaves an AuditEvent on the conversation's timeline (kFolderChanged, kPriorityChanged; actor
  // `user`, detail "open -> solved", the mode and resume_at unchanged); setting a value it already
  // has records nothing. A folder change bumps the conversation's version (a decision made before
  // it is decided again). kNotFound as LoadSummary.
  virtual base::Result<ConversationSummary> ChangeConversation(std::int64_t workspace_id,
                                                               std::int64_t conversation_id,
                                                               const ConversationChange& change,
                                                               const std::string& user,
                                                               base::TimePoint at) = 0;
  // Sets unread to 0 and returns the summary. kNotFound as LoadSummary.
  virtual base::Result<ConversationSummary> MarkRead(std::int64_t workspace_id,
                                                     std::int64_t conversation_id) = 0;

  // --- Leads (by contact id) ---
  // kNotFound when the contact is not in this workspace.
  virtual base::Result<Lead> LoadLead(std::int64_t workspace_id, std::int64_t contact_id) = 0;
  // Applies `change` by `user` at `at`, recording one LeadEdit per field that changed, and
  // returns the lead. A name set here is kept when the channel later reports another one.
  // REQUIRES: the name and labels passed the API's rules. kNotFound as LoadLead.
  virtual base::Result<Lead> EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                      const LeadChange& change, const std::string& user,
                                      base::TimePoint at) = 0;
  // Replaces the text of one answer, recording a LeadEdit when it changed. kNotFound when the
  // contact is not in this workspace or the answer is not the contact's.
  virtual base::Result<Lead> EditAnswer(std::int64_t workspace_id, std::int64_t contact_id,
                                        std::int64_t answer_id, const std::string& answer,
                                        const std::string& user, base::TimePoint at) = 0;
  // Adds a note (recorded as a LeadEdit of field "note") and returns it. kNotFound as LoadLead.
  virtual base::Result<LeadNote> AddNote(std::int64_t workspace_id, std::int64_t contact_id,
                                         const std::string& text, const std::string& user,
                                         base::TimePoint at) = 0;
  // Oldest first. kNotFound as LoadLead.
  virtual base::Result<std::vector<LeadEdit>> ListLeadEdits(std::int64_t workspace_id,
                                                            std::int64_t contact_id) = 0;

  // --- Notifications ---
  // At most `limit`, newest first, with ids below `before` (from the newest when nullopt).
  virtual base::Result<NotificationPage> PageNotifications(std::int64_t workspace_id,
                                                           std::optional<std::int64_t> before,
                                                           std::size_t limit) = 0;
  // kNotFound when the notification is not in this workspace.
  virtual base::Status MarkNotificationRead(std::int64_t workspace_id,
                                            std::int64_t notification_id) = 0;
  virtual base::Status MarkAllNotificationsRead(std::int64_t workspace_id) = 0;
};

}  // namespace core
