// The core::Crm adapter both backends share. Its lead calls' SQL is in leads.h; the inbox's list
// and summaries, whose SQL each backend writes for its own indexes and search, are the backend's
// ListInbox and LoadInboxSummary (sqlite/summary_repository.h, postgres/inbox.h), found by the
// connection's type. `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in
// the .cpp).
//
// Every method implements its core::Crm contract (core/crm.h). On top of it:
//   - ListConversations with a search finds every message committed before it (on SQLite it
//     first indexes those still waiting: sqlite/search_indexer.h).
//   - PageNotifications pages by id (the order notifications were stored in).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/crm.h"

namespace store::sql {

template <typename Backend>
class Crm final : public core::Crm {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit Crm(Backend& backend) : backend_(backend) {}

  base::Result<core::ConversationPage> ListConversations(
      std::int64_t workspace_id, const core::ConversationFilter& filter,
      const std::optional<core::ConversationCursor>& after, std::size_t limit) override;
  base::Result<core::UnreadCounts> CountUnread(std::int64_t workspace_id,
                                               core::Folder channels_folder) override;
  base::Result<core::ConversationSummary> LoadSummary(std::int64_t workspace_id,
                                                      std::int64_t conversation_id) override;
  base::Result<core::MessagePage> ListMessages(std::int64_t workspace_id,
                                               std::int64_t conversation_id,
                                               std::optional<std::int64_t> before,
                                               std::size_t limit) override;
  base::Result<core::ConversationSummary> ChangeConversation(std::int64_t workspace_id,
                                                             std::int64_t conversation_id,
                                                             const core::ConversationChange& change,
                                                             const std::string& user,
                                                             base::TimePoint at) override;
  base::Result<core::ConversationSummary> MarkRead(std::int64_t workspace_id,
                                                   std::int64_t conversation_id) override;
  base::Result<core::Lead> LoadLead(std::int64_t workspace_id, std::int64_t contact_id) override;
  base::Result<core::Lead> EditLead(std::int64_t workspace_id, std::int64_t contact_id,
                                    const core::LeadChange& change, const std::string& user,
                                    base::TimePoint at) override;
  base::Result<core::Lead> EditAnswer(std::int64_t workspace_id, std::int64_t contact_id,
                                      std::int64_t answer_id, const std::string& answer,
                                      const std::string& user, base::TimePoint at) override;
  base::Result<core::LeadNote> AddNote(std::int64_t workspace_id, std::int64_t contact_id,
                                       const std::string& text, const std::string& user,
                                       base::TimePoint at) override;
  base::Result<std::vector<core::LeadEdit>> ListLeadEdits(std::int64_t workspace_id,
                                                          std::int64_t contact_id) override;
  base::Result<core::NotificationPage> PageNotifications(std::int64_t workspace_id,
                                                         std::optional<std::int64_t> before,
                                                         std::size_t limit) override;
  base::Status MarkNotificationRead(std::int64_t workspace_id,
                                    std::int64_t notification_id) override;
  base::Status MarkAllNotificationsRead(std::int64_t workspace_id) override;

 private:
  Backend& backend_;
};

}  // namespace store::sql
