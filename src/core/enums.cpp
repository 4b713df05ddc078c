#include "core/enums.h"

#include <array>
#include <utility>

namespace core {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Author, 5> kAuthors{{{Author::kCustomer, "customer"},
                                     {Author::kAi, "ai"},
                                     {Author::kHumanCrm, "human_crm"},
                                     {Author::kHumanApp, "human_app"},
                                     {Author::kSystem, "system"}}};
constexpr Names<Channel, 4> kChannels{{{Channel::kWhatsapp, "whatsapp"},
                                       {Channel::kMessenger, "messenger"},
                                       {Channel::kInstagram, "instagram"},
                                       {Channel::kWeb, "web"}}};
constexpr Names<QuestionType, 7> kQuestionTypes{{{QuestionType::kText, "text"},
                                                 {QuestionType::kEmail, "email"},
                                                 {QuestionType::kPhone, "phone"},
                                                 {QuestionType::kNumber, "number"},
                                                 {QuestionType::kAmount, "amount"},
                                                 {QuestionType::kDate, "date"},
                                                 {QuestionType::kChoice, "choice"}}};
constexpr Names<WorkflowKind, 2> kWorkflows{
    {{WorkflowKind::kHandoffToHuman, "handoff_to_human"},
     {WorkflowKind::kQualifyAndTransfer, "qualify_and_transfer"}}};
constexpr Names<Language, 3> kLanguages{
    {{Language::kEn, "en"}, {Language::kEs, "es"}, {Language::kPt, "pt"}}};
constexpr Names<Folder, 4> kFolders{{{Folder::kOpen, "open"},
                                     {Folder::kSolved, "solved"},
                                     {Folder::kSpam, "spam"},
                                     {Folder::kArchived, "archived"}}};
constexpr Names<BrainKind, 2> kBrainKinds{{{BrainKind::kLocal, "local"}, {BrainKind::kLlm, "llm"}}};
constexpr Names<Mode, 2> kModes{{{Mode::kAi, "ai"}, {Mode::kManual, "manual"}}};
constexpr Names<Priority, 3> kPriorities{
    {{Priority::kNormal, "normal"}, {Priority::kHigh, "high"}, {Priority::kUrgent, "urgent"}}};
constexpr Names<HandoffReason, 6> kReasons{{{HandoffReason::kCustomerRequest, "customer_request"},
                                            {HandoffReason::kFrustration, "frustration"},
                                            {HandoffReason::kCannotAnswer, "cannot_answer"},
                                            {HandoffReason::kReservedTopic, "reserved_topic"},
                                            {HandoffReason::kAiFailure, "ai_failure"},
                                            {HandoffReason::kQualified, "qualified"}}};
constexpr Names<NotificationKind, 2> kNotificationKinds{
    {{NotificationKind::kHandoff, "handoff"},
     {NotificationKind::kLeadQualified, "lead_qualified"}}};
constexpr Names<TimerKind, 2> kTimerKinds{
    {{TimerKind::kResume, "resume"}, {TimerKind::kReply, "reply"}}};

constexpr Names<DeliveryStatus, 7> kDeliveryStatuses{{{DeliveryStatus::kNone, "none"},
                                                      {DeliveryStatus::kQueued, "queued"},
                                                      {DeliveryStatus::kSent, "sent"},
                                                      {DeliveryStatus::kDelivered, "delivered"},
                                                      {DeliveryStatus::kRead, "read"},
                                                      {DeliveryStatus::kFailed, "failed"},
                                                      {DeliveryStatus::kDropped, "dropped"}}};
constexpr Names<AuditKind, 11> kAuditKinds{{{AuditKind::kHandoff, "handoff"},
                                            {AuditKind::kTakeControl, "take_control"},
                                            {AuditKind::kHumanReply, "human_reply"},
                                            {AuditKind::kOwnerEcho, "owner_echo"},
                                            {AuditKind::kLateEcho, "late_echo"},
                                            {AuditKind::kReturnToAi, "return_to_ai"},
                                            {AuditKind::kAutoResume, "auto_resume"},
                                            {AuditKind::kAnswerRecorded, "answer_recorded"},
                                            {AuditKind::kReopened, "reopened"},
                                            {AuditKind::kFolderChanged, "folder_changed"},
                                            {AuditKind::kPriorityChanged, "priority_changed"}}};
constexpr Names<Attachment, 10> kAttachments{{{Attachment::kNone, "none"},
                                              {Attachment::kImage, "image"},
                                              {Attachment::kAudio, "audio"},
                                              {Attachment::kVideo, "video"},
                                              {Attachment::kDocument, "document"},
                                              {Attachment::kSticker, "sticker"},
                                              {Attachment::kLocation, "location"},
                                              {Attachment::kContacts, "contacts"},
                                              {Attachment::kShare, "share"},
                                              {Attachment::kOther, "other"}}};

constexpr Names<Role, 2> kRoles{{{Role::kOwner, "owner"}, {Role::kCollaborator, "collaborator"}}};
constexpr Names<WebhookEvent, 3> kWebhookEvents{{{WebhookEvent::kMessageCreated, "message.created"},
                                                 {WebhookEvent::kHandoff, "handoff"},
                                                 {WebhookEvent::kLeadQualified, "lead.qualified"}}};

template <typename E, std::size_t N>
std::string_view NameOf(const Names<E, N>& names, E v) {
  for (const auto& [e, name] : names)
    if (e == v) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const Names<E, N>& names, std::string_view s) {
  for (const auto& [e, name] : names)
    if (name == s) return e;
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Author v) { return NameOf(kAuthors, v); }
std::string_view ToString(Channel v) { return NameOf(kChannels, v); }
std::string_view ToString(WorkflowKind v) { return NameOf(kWorkflows, v); }
std::string_view ToString(QuestionType v) { return NameOf(kQuestionTypes, v); }
std::string_view ToString(Language v) { return NameOf(kLanguages, v); }
std::string_view ToString(Folder v) { return NameOf(kFolders, v); }
std::string_view ToString(BrainKind v) { return NameOf(kBrainKinds, v); }
std::string_view ToString(Mode v) { return NameOf(kModes, v); }
std::string_view ToString(Priority v) { return NameOf(kPriorities, v); }
std::string_view ToString(HandoffReason v) { return NameOf(kReasons, v); }
std::string_view ToString(NotificationKind v) { return NameOf(kNotificationKinds, v); }
std::string_view ToString(TimerKind v) { return NameOf(kTimerKinds, v); }
std::string_view ToString(DeliveryStatus v) { return NameOf(kDeliveryStatuses, v); }
std::string_view ToString(AuditKind v) { return NameOf(kAuditKinds, v); }
std::string_view ToString(Attachment v) { return NameOf(kAttachments, v); }
std::string_view ToString(Role v) { return NameOf(kRoles, v); }
std::string_view ToString(WebhookEvent v) { return NameOf(kWebhookEvents, v); }

std::optional<Author> ParseAuthor(std::string_view s) { return Parse(kAuthors, s); }
std::optional<Channel> ParseChannel(std::string_view s) { return Parse(kChannels, s); }
std::optional<WorkflowKind> ParseWorkflowKind(std::string_view s) { return Parse(kWorkflows, s); }
std::optional<QuestionType> ParseQuestionType(std::string_view s) {
  return Parse(kQuestionTypes, s);
}
std::optional<Language> ParseLanguage(std::string_view s) { return Parse(kLanguages, s); }
std::optional<Folder> ParseFolder(std::string_view s) { return Parse(kFolders, s); }
std::optional<BrainKind> ParseBrainKind(std::string_view s) { return Parse(kBrainKinds, s); }
std::optional<Mode> ParseMode(std::string_view s) { return Parse(kModes, s); }
std::optional<Priority> ParsePriority(std::string_view s) { return Parse(kPriorities, s); }
std::optional<HandoffReason> ParseHandoffReason(std::string_view s) { return Parse(kReasons, s); }
std::optional<NotificationKind> ParseNotificationKind(std::string_view s) {
  return Parse(kNotificationKinds, s);
}
std::optional<TimerKind> ParseTimerKind(std::string_view s) { return Parse(kTimerKinds, s); }
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view s) {
  return Parse(kDeliveryStatuses, s);
}
std::optional<AuditKind> ParseAuditKind(std::string_view s) { return Parse(kAuditKinds, s); }
std::optional<Attachment> ParseAttachment(std::string_view s) { return Parse(kAttachments, s); }
std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
std::optional<WebhookEvent> ParseWebhookEvent(std::string_view s) {
  return Parse(kWebhookEvents, s);
}

}  // namespace core
