// The core::Crm of the embedded backend, on a DatabaseFile: the inbox lists and summaries
// (summary_repository.cpp), history pages (history_repository.cpp), folder, priority and read
// (conversation_edit_repository.cpp), leads (lead_repository.cpp) and notification pages
// (notification_repository.cpp) define its methods.
//
// Every method implements its core::Crm contract (core/crm.h). On top of it:
//   - ListConversations with a search first indexes every message committed before it.
//   - PageNotifications pages by id (the order notifications were stored in).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include "core/crm.h"
#include "store/sqlite/database_file.h"

namespace store::sqlite {

class Crm final : public core::Crm {
 public:
  // `file` is borrowed and must outlive the adapter.
  explicit Crm(DatabaseFile& file) : file_(file) {}

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
  DatabaseFile& file_;
};

}  // namespace store::sqlite
