// The closed vocabularies of the domain, with their stable wire names.
//
// The wire names ("human_crm", "qualify_and_transfer", ...) are what the store, the CLI's JSON
// output and configuration files use. Parse* returns nullopt for an unknown name.
#pragma once

#include <optional>
#include <string_view>

namespace core {

// Who wrote a message.
enum class Author { kCustomer, kAi, kHumanCrm, kHumanApp, kSystem };

// Where a conversation happens.
enum class Channel { kWhatsapp, kMessenger, kInstagram, kWeb };
inline constexpr Channel kEveryChannel[] = {Channel::kWhatsapp, Channel::kMessenger,
                                            Channel::kInstagram, Channel::kWeb};

// The service workflow a workspace's agent runs.
enum class WorkflowKind { kHandoffToHuman, kQualifyAndTransfer };

// What the agent thinks with: the local brain (offline, deterministic) or a language model the
// instance's operator configured (any OpenAI-compatible endpoint).
enum class BrainKind { kLocal, kLlm };

// What a qualification question's answer is: checked and normalised by the workflow.
enum class QuestionType { kText, kEmail, kPhone, kNumber, kAmount, kDate, kChoice };

// Languages the agent understands and answers in.
enum class Language { kEn, kEs, kPt };

// Inbox folders.
enum class Folder { kOpen, kSolved, kSpam, kArchived };
inline constexpr Folder kEveryFolder[] = {Folder::kOpen, Folder::kSolved, Folder::kSpam,
                                          Folder::kArchived};

// How urgently a conversation needs a person, set by users in the CRM.
enum class Priority { kNormal, kHigh, kUrgent };

// Who answers the customer: the AI, or a person (the AI is paused).
enum class Mode { kAi, kManual };

// Where an outgoing message is. Only moves forward: queued < sent < delivered < read; failed and
// dropped (never sent: a person took over, or the messaging window closed) are final.
enum class DeliveryStatus { kNone, kQueued, kSent, kDelivered, kRead, kFailed, kDropped };

// What a customer sent instead of words: content the AI cannot read. The message's text is then a
// summary of it for people ("[image]", "[location: 38.72, -9.14 Lisbon]").
enum class Attachment {
  kNone,  // words: a text, a button reply, or a caption (then the caption is what is read)
  kImage,
  kAudio,  // voice notes too
  kVideo,
  kDocument,
  kSticker,
  kLocation,
  kContacts,  // a contact card
  kShare,     // a shared post, reel, story or link
  kOther,     // anything else the channel could not render
};

// Why a conversation was handed to a person.
enum class HandoffReason {
  kCustomerRequest,  // the customer asked for a person
  kFrustration,      // the customer is upset
  kCannotAnswer,     // the AI could not answer twice in a row
  kReservedTopic,    // the business context reserves the topic for people (the detail names it)
  kAiFailure,        // the brain failed or proposed something invalid
  kQualified,        // qualify_and_transfer: every question was answered
};

enum class NotificationKind { kHandoff, kLeadQualified };

// A user's role in a workspace: the owner (one per workspace) edits the configuration, channels
// and users; collaborators work the shared inbox.
enum class Role { kOwner, kCollaborator };

// What an outgoing webhook delivery announces (core/webhook.h).
enum class WebhookEvent { kMessageCreated, kHandoff, kLeadQualified };

// Durable timers of a conversation; at most one of each kind is pending.
//   kResume  the pause runs out (fired by the scheduler, as an event)
//   kReply   the customer is owed a reply: due when their burst's debounce window closes, at once
//            when it is 0 or the AI resumes with messages waiting (run by the reply pool, which
//            calls the brain outside every lock)
enum class TimerKind { kResume, kReply };

// What an audit event on a conversation's timeline records.
enum class AuditKind {
  kHandoff,          // the AI handed off (Manual)
  kTakeControl,      // a user clicked Take manual control (Manual)
  kHumanReply,       // a user replied from the CRM (Manual, window slides)
  kOwnerEcho,        // the owner replied from the messaging app (Manual, window slides)
  kLateEcho,         // an owner echo older than the pause: recorded, nothing paused
  kReturnToAi,       // a user clicked Return to AI
  kAutoResume,       // the pause ran out
  kAnswerRecorded,   // a qualification answer was stored on the lead
  kReopened,         // a customer message reopened a Solved conversation
  kFolderChanged,    // a user moved it to another folder (detail "open -> solved")
  kPriorityChanged,  // a user set another priority (detail "normal -> high")
};

std::string_view ToString(Author v);
std::string_view ToString(Channel v);
std::string_view ToString(WorkflowKind v);
std::string_view ToString(BrainKind v);
std::string_view ToString(QuestionType v);
std::string_view ToString(Language v);
std::string_view ToString(Folder v);
std::string_view ToString(Mode v);
std::string_view ToString(Priority v);
std::string_view ToString(HandoffReason v);
std::string_view ToString(NotificationKind v);
std::string_view ToString(TimerKind v);
std::string_view ToString(DeliveryStatus v);
std::string_view ToString(AuditKind v);
std::string_view ToString(Attachment v);
std::string_view ToString(Role v);
std::string_view ToString(WebhookEvent v);

std::optional<Author> ParseAuthor(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<WorkflowKind> ParseWorkflowKind(std::string_view s);
std::optional<BrainKind> ParseBrainKind(std::string_view s);
std::optional<QuestionType> ParseQuestionType(std::string_view s);
std::optional<Language> ParseLanguage(std::string_view s);
std::optional<Folder> ParseFolder(std::string_view s);
std::optional<Mode> ParseMode(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<HandoffReason> ParseHandoffReason(std::string_view s);
std::optional<NotificationKind> ParseNotificationKind(std::string_view s);
std::optional<TimerKind> ParseTimerKind(std::string_view s);
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view s);
std::optional<AuditKind> ParseAuditKind(std::string_view s);
std::optional<Attachment> ParseAttachment(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<WebhookEvent> ParseWebhookEvent(std::string_view s);

}  // namespace core
