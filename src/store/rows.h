// Row codecs both backends share: reading a domain value from the columns of one result row.
// `Row` is either backend's row reader (sqlite::Query on a row, postgres::Row), which both offer
// IsNull, Int64, OptionalInt64, Text, TextView, Time and OptionalTime by column (0-based).
// Each reader names its columns in order; the statements select them in that order.
#pragma once

#include "base/result.h"
#include "core/channel_account.h"
#include "core/crm.h"
#include "core/message.h"
#include "core/notification.h"
#include "core/user.h"
#include "store/enum_name.h"
#include "store/record_codec.h"

namespace store {

// id, email, password_hash, created_at_ms
template <typename Row>
core::User ReadUser(const Row& r) {
  return core::User{r.Int64(0), r.Text(1), r.Text(2), r.Time(3)};
}

// id, user_id, name, token_hash, created_at_ms
template <typename Row>
core::ApiToken ReadApiToken(const Row& r) {
  return core::ApiToken{r.Int64(0), r.Int64(1), r.Text(2), r.Text(3), r.Time(4)};
}

// token_hash, user_id, csrf_token, created_at_ms, expires_at_ms
template <typename Row>
core::Session ReadSession(const Row& r) {
  return core::Session{r.Text(0), r.Int64(1), r.Text(2), r.Time(3), r.Time(4)};
}

// workspace_id, channel, account_id, access_token, app_secret, verify_token, app_id, status
template <typename Row>
base::Result<core::ChannelAccount> ReadChannelAccount(const Row& r) {
  base::Result<core::Channel> channel = EnumColumn<core::ParseChannel>(r, 1, "channel");
  if (!channel.ok()) return channel.error();
  base::Result<core::ChannelStatus> status =
      EnumColumn<core::ParseChannelStatus>(r, 7, "channel status");
  if (!status.ok()) return status.error();
  return core::ChannelAccount{r.Int64(0), *channel,  r.Text(2), r.Text(3),
                              r.Text(4),  r.Text(5), r.Text(6), *status};
}

// (an id, a name, a role): a member or a membership
template <typename Item, typename Row>
base::Result<Item> ReadRole(const Row& r) {
  base::Result<core::Role> role = EnumColumn<core::ParseRole>(r, 2, "role");
  if (!role.ok()) return role.error();
  return Item{r.Int64(0), r.Text(1), *role};
}

// Every query that selects messages lists these columns of the messages table, in this order:
//   id, author, text, at_ms, epoch, provider_message_id, delivery, delivery_error, attachment,
//   author_user, model
inline constexpr int kMessageColumnCount = 11;

// The message whose columns start at column `first`. kInternal for an unknown author, delivery
// or attachment name, or a malformed model record.
template <typename Row>
base::Result<core::Message> ReadMessage(const Row& r, int first, std::int64_t conversation_id) {
  auto author = EnumColumn<core::ParseAuthor>(r, first + 1, "author");
  if (!author.ok()) return author.error();
  auto delivery = EnumColumn<core::ParseDeliveryStatus>(r, first + 6, "delivery");
  if (!delivery.ok()) return delivery.error();
  auto attachment = OptionalEnumColumn<core::ParseAttachment>(r, first + 8, "attachment");
  if (!attachment.ok()) return attachment.error();
  std::optional<core::ModelRecord> model;
  if (!r.IsNull(first + 10)) {
    auto record = DecodeModelRecord(r.Text(first + 10));
    if (!record.ok()) return record.error();
    model = std::move(*record);
  }
  return core::Message{.id = r.Int64(first),
                       .conversation_id = conversation_id,
                       .author = *author,
                       .text = r.Text(first + 2),
                       .at = r.Time(first + 3),
                       .epoch = r.Int64(first + 4),
                       .provider_message_id = r.IsNull(first + 5) ? "" : r.Text(first + 5),
                       .delivery = *delivery,
                       .delivery_error = r.Text(first + 7),
                       .attachment = attachment->value_or(core::Attachment::kNone),
                       .user = r.IsNull(first + 9) ? "" : r.Text(first + 9),
                       .model = std::move(model)};
}

// The conversation (id, channel, account_id, folder, mode, resume_at_ms, epoch, priority,
// unread_count), its contact (contact_id, display_name, external_id), last_activity_ms, its
// contact's labels as a JSON array in order, then its last message from
// kSummaryLastMessageColumn on (the message columns above; NULL when it has none).
inline constexpr int kSummaryLastMessageColumn = 14;
template <typename Row>
base::Result<core::ConversationSummary> ReadConversationSummary(const Row& q) {
  core::ConversationSummary s;
  s.id = q.Int64(0);
  auto channel = EnumColumn<core::ParseChannel>(q, 1, "channel");
  auto folder = EnumColumn<core::ParseFolder>(q, 3, "folder");
  auto mode = EnumColumn<core::ParseMode>(q, 4, "mode");
  auto priority = EnumColumn<core::ParsePriority>(q, 7, "priority");
  auto labels = DecodeStrings(q.Text(13));
  if (!channel.ok()) return channel.error();
  if (!folder.ok()) return folder.error();
  if (!mode.ok()) return mode.error();
  if (!priority.ok()) return priority.error();
  if (!labels.ok()) return labels.error();
  s.channel = *channel;
  s.account_id = q.Text(2);
  s.folder = *folder;
  s.lease = {*mode, q.OptionalTime(5), q.Int64(6)};
  s.priority = *priority;
  s.unread = q.Int64(8);
  s.labels = std::move(*labels);
  s.contact_id = q.Int64(9);
  s.contact_name = q.Text(10);
  s.external_id = q.Text(11);
  s.last_activity = q.OptionalTime(12);
  if (!q.IsNull(kSummaryLastMessageColumn)) {
    auto last = ReadMessage(q, kSummaryLastMessageColumn, s.id);
    if (!last.ok()) return last.error();
    s.last_message = std::move(*last);
  }
  return s;
}

// The page of summaries `q` selects (ReadConversationSummary's columns, in list order, one row past
// the page when another follows): at most `limit`, and the cursor after the last when more follow.
template <typename Query>
base::Result<core::ConversationPage> ReadInboxPage(Query& q, std::size_t limit) {
  core::ConversationPage page;
  while (true) {
    base::Result<bool> row = q.Step();
    if (!row.ok()) return row.error();
    if (!*row) return page;
    if (page.conversations.size() == limit) {
      const core::ConversationSummary& last = page.conversations.back();
      page.next = core::ConversationCursor{*last.last_activity, last.id};
      return page;
    }
    base::Result<core::ConversationSummary> s = ReadConversationSummary(q);
    if (!s.ok()) return s.error();
    page.conversations.push_back(std::move(*s));
  }
}

// id, conversation_id, contact_id, kind, reason, customer_name, last_messages_json,
// answers_json, at_ms, read (0 or 1), detail
template <typename Row>
base::Result<core::Notification> ReadNotification(const Row& r, std::int64_t workspace_id) {
  auto kind = EnumColumn<core::ParseNotificationKind>(r, 3, "notification kind");
  if (!kind.ok()) return kind.error();
  auto reason = EnumColumn<core::ParseHandoffReason>(r, 4, "handoff reason");
  if (!reason.ok()) return reason.error();
  auto last_messages = DecodeStrings(r.Text(6));
  if (!last_messages.ok()) return last_messages.error();
  auto answers = DecodeAnswers(r.Text(7));
  if (!answers.ok()) return answers.error();
  return core::Notification{.id = r.Int64(0),
                            .workspace_id = workspace_id,
                            .conversation_id = r.Int64(1),
                            .contact_id = r.Int64(2),
                            .kind = *kind,
                            .reason = *reason,
                            .detail = r.Text(10),
                            .customer_name = r.Text(5),
                            .last_messages = std::move(*last_messages),
                            .answers = std::move(*answers),
                            .at = r.Time(8),
                            .read = r.Int64(9) != 0};
}

}  // namespace store
