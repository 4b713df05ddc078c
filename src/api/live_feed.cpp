#include "api/live_feed.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "api/access.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {

void LiveFeed::Subscribe(std::int64_t workspace_id, const Caller& caller,
                         std::shared_ptr<http::EventStream> stream) {
  std::lock_guard lock(mutex_);
  auto& list = streams_[workspace_id];
  std::erase_if(list, [](const Subscriber& s) { return s.stream->ended(); });
  list.push_back({std::move(stream), caller.user.id, caller.session, caller.api_token_id});
}

bool LiveFeed::Watched(std::int64_t workspace_id) {
  std::lock_guard lock(mutex_);
  return streams_.contains(workspace_id);
}

void LiveFeed::Publish(std::int64_t workspace_id, std::string_view type,
                       const nlohmann::json& data) {
  std::lock_guard lock(mutex_);
  auto it = streams_.find(workspace_id);
  if (it == streams_.end()) return;
  const std::string payload = data.dump();
  std::erase_if(it->second, [&](const Subscriber& s) {
    return !s.stream->Publish({payload, std::string(type), ""});
  });
  if (it->second.empty()) streams_.erase(it);
}

base::Status LiveFeed::Announce(const core::Announcement& announcement) {
  if (others_ == nullptr) return base::Status::Ok();
  return others_->Announce(announcement);
}

void LiveFeed::EndMember(std::int64_t workspace_id, std::int64_t user_id) {
  EndAndAnnounce({.kind = core::AnnouncementKind::kMemberRemoved,
                  .workspace_id = workspace_id,
                  .user_id = user_id});
}

void LiveFeed::EndApiToken(std::int64_t token_id) {
  EndAndAnnounce({.kind = core::AnnouncementKind::kApiTokenRevoked, .token_id = token_id});
}

void LiveFeed::EndSession(const std::string& token_hash) {
  EndAndAnnounce({.kind = core::AnnouncementKind::kSessionEnded, .token_hash = token_hash});
}

void LiveFeed::EndOtherSessions(const Caller& caller) {
  EndAndAnnounce({.kind = core::AnnouncementKind::kOtherSessionsEnded,
                  .user_id = caller.user.id,
                  .token_hash = caller.session ? caller.session->token_hash : ""});
}

void LiveFeed::EndExpiredSessions(base::TimePoint now) {
  EndIf(
      [&](std::int64_t, const Subscriber& s) { return s.session && s.session->expires_at <= now; });
}

void LiveFeed::EndAll() {
  EndIf([](std::int64_t, const Subscriber&) { return true; });
}

void LiveFeed::EndAndAnnounce(const core::Announcement& announcement) {
  Hear(announcement);
  // Another instance's streams outlive the access only when it cannot be told: they end when
  // they next reconnect, as the access is checked again then.
  (void)Announce(announcement);
}

void LiveFeed::Hear(const core::Announcement& a) {
  using enum core::AnnouncementKind;
  switch (a.kind) {
    case kMemberRemoved:
      return EndIf([&](std::int64_t ws, const Subscriber& s) {
        return ws == a.workspace_id && s.user_id == a.user_id;
      });
    case kApiTokenRevoked:
      return EndIf([&](std::int64_t, const Subscriber& s) { return s.api_token_id == a.token_id; });
    case kSessionEnded:
      return EndIf([&](std::int64_t, const Subscriber& s) {
        return s.session && s.session->token_hash == a.token_hash;
      });
    case kOtherSessionsEnded:
      return EndIf([&](std::int64_t, const Subscriber& s) {
        return s.user_id == a.user_id && s.session && s.session->token_hash != a.token_hash;
      });
    case kDecision:
    case kDeliveries:
    case kMedia:
    case kConversation:
      return;
  }
}

void LiveFeed::EndIf(const std::function<bool(std::int64_t, const Subscriber&)>& ends) {
  std::lock_guard lock(mutex_);
  for (auto it = streams_.begin(); it != streams_.end();) {
    std::erase_if(it->second, [&](const Subscriber& s) {
      if (!ends(it->first, s)) return s.stream->ended();
      s.stream->Close();
      return true;
    });
    it = it->second.empty() ? streams_.erase(it) : std::next(it);
  }
}

namespace {

void PublishSummaryHere(LiveFeed& feed, std::int64_t workspace_id,
                        const core::ConversationSummary& summary) {
  feed.Publish(workspace_id, "conversation", {{"conversation", SummaryJson(summary)}});
}

void PublishDeliveryHere(LiveFeed& feed, const core::MessageRef& ref, core::DeliveryStatus delivery,
                         const std::string& error) {
  feed.Publish(ref.workspace_id, "delivery",
               {{"conversation_id", ref.conversation_id},
                {"message_id", ref.message_id},
                {"delivery", core::ToString(delivery)},
                {"delivery_error", error}});
}

void PublishMediaHere(LiveFeed& feed, const core::Media& media) {
  feed.Publish(media.workspace_id, "media",
               {{"conversation_id", media.conversation_id},
                {"message_id", media.message_id},
                {"media", MediaJson(media)}});
}

// The stored message `ref` names; nullopt when it is gone.
base::Result<std::optional<core::Message>> ReadMessage(core::Crm& crm,
                                                       const core::MessageRef& ref) {
  auto page = crm.ListMessages(ref.workspace_id, ref.conversation_id, ref.message_id + 1, 1);
  if (!page.ok()) return page.error();
  if (page->messages.empty() || page->messages.front().id != ref.message_id) {
    return std::optional<core::Message>();
  }
  return std::optional<core::Message>(std::move(page->messages.front()));
}

}  // namespace

void PublishSummary(LiveFeed& feed, std::int64_t workspace_id,
                    const core::ConversationSummary& summary) {
  PublishSummaryHere(feed, workspace_id, summary);
  (void)feed.Announce({.kind = core::AnnouncementKind::kConversation,
                       .workspace_id = workspace_id,
                       .conversation_id = summary.id});
}

void PublishDecision(LiveFeed& feed, core::Crm& crm, core::MediaStore& media,
                     const core::Decision& d) {
  const std::int64_t workspace_id = d.conversation.workspace_id;
  if (!feed.Watched(workspace_id)) return;
  // The files of the customer's messages were recorded with them (the intake's transaction).
  std::vector<core::Media> files;
  const bool from_customer =
      std::any_of(d.messages.begin(), d.messages.end(),
                  [](const core::Message& m) { return m.author == core::Author::kCustomer; });
  if (from_customer) {
    if (auto listed = media.ListMedia(workspace_id, d.conversation.id); listed.ok()) {
      files = std::move(*listed);  // else without them: the media events still come
    }
  }
  for (const core::Message& m : d.messages) {
    nlohmann::json message = MessageJson(m);
    for (const core::Media& f : files) {
      if (f.message_id != m.id) continue;
      if (!message.contains("media")) message["media"] = nlohmann::json::array();
      message["media"].push_back(MediaJson(f));
    }
    feed.Publish(workspace_id, "message",
                 {{"conversation_id", d.conversation.id}, {"message", std::move(message)}});
  }
  for (const core::Notification& n : d.notifications) {
    feed.Publish(workspace_id, "notification", {{"notification", NotificationJson(n)}});
  }
  // A store error only costs this update: the dashboards resync when they reconnect.
  if (auto summary = crm.LoadSummary(workspace_id, d.conversation.id); summary.ok()) {
    PublishSummaryHere(feed, workspace_id, *summary);
  }
}

void PublishDeliveries(LiveFeed& feed, const std::vector<core::DeliveryChange>& changes) {
  core::Announcement moved{.kind = core::AnnouncementKind::kDeliveries};
  for (const core::DeliveryChange& c : changes) {
    moved.messages.push_back({c.workspace_id, c.conversation_id, c.message_id});
    PublishDeliveryHere(feed, moved.messages.back(), c.delivery, c.error);
  }
  if (!moved.messages.empty()) (void)feed.Announce(moved);
}

void PublishMedia(LiveFeed& feed, const core::Media& media) {
  PublishMediaHere(feed, media);
  (void)feed.Announce(
      {.kind = core::AnnouncementKind::kMedia,
       .messages = {{media.workspace_id, media.conversation_id, media.message_id}}});
}

base::Result<core::Decision> ReadAnnouncedDecision(core::Crm& crm, const core::Announcement& a) {
  core::Decision d;
  d.conversation.id = a.conversation_id;
  d.conversation.workspace_id = a.workspace_id;
  d.conversation.channel = a.channel;
  // A decision's messages are the conversation's newest up to the last of them: nothing else
  // enters the conversation while its commit holds it.
  if (!a.message_ids.empty()) {
    auto page = crm.ListMessages(a.workspace_id, a.conversation_id, a.message_ids.back() + 1,
                                 a.message_ids.size());
    if (!page.ok()) return page.error();
    for (auto it = page->messages.rbegin(); it != page->messages.rend(); ++it) {
      if (std::ranges::binary_search(a.message_ids, it->id)) d.messages.push_back(std::move(*it));
    }
  }
  // Notifications are paged by id across the workspace: at most last - first + 1 of them lie
  // between the decision's first and last.
  if (!a.notification_ids.empty()) {
    const auto span =
        static_cast<std::size_t>(a.notification_ids.back() - a.notification_ids.front() + 1);
    auto page = crm.PageNotifications(a.workspace_id, a.notification_ids.back() + 1, span);
    if (!page.ok()) return page.error();
    for (auto it = page->notifications.rbegin(); it != page->notifications.rend(); ++it) {
      if (std::ranges::binary_search(a.notification_ids, it->id)) {
        d.notifications.push_back(std::move(*it));
      }
    }
  }
  return d;
}

void PublishHeard(LiveFeed& feed, core::Crm& crm, core::MediaStore& media,
                  const core::Announcement& a) {
  using enum core::AnnouncementKind;
  switch (a.kind) {
    case kMemberRemoved:
    case kSessionEnded:
    case kOtherSessionsEnded:
    case kApiTokenRevoked:
      return feed.Hear(a);
    case kDecision:
      if (!feed.Watched(a.workspace_id)) return;
      if (auto d = ReadAnnouncedDecision(crm, a); d.ok()) PublishDecision(feed, crm, media, *d);
      return;
    case kConversation:
      if (!feed.Watched(a.workspace_id)) return;
      if (auto summary = crm.LoadSummary(a.workspace_id, a.conversation_id); summary.ok()) {
        PublishSummaryHere(feed, a.workspace_id, *summary);
      }
      return;
    case kDeliveries:
      for (const core::MessageRef& ref : a.messages) {
        if (!feed.Watched(ref.workspace_id)) continue;
        auto m = ReadMessage(crm, ref);
        if (!m.ok()) return;
        if (*m) PublishDeliveryHere(feed, ref, (*m)->delivery, (*m)->delivery_error);
      }
      return;
    case kMedia:
      for (const core::MessageRef& ref : a.messages) {
        if (!feed.Watched(ref.workspace_id)) continue;
        auto files = media.ListMedia(ref.workspace_id, ref.conversation_id);
        if (!files.ok()) return;
        for (const core::Media& f : *files) {
          if (f.message_id == ref.message_id) PublishMediaHere(feed, f);
        }
      }
      return;
  }
}

void AddLiveRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                   LiveFeed& feed) {
  router.Stream("/api/v1/workspaces/{workspace}/events", [&](const http::Request& r) {
    auto access = Authorize(auth, store, users, r, Need::kMember);
    if (!access.ok()) return http::StreamResponse::Refuse(ErrorResponse(access.error()));
    auto stream = std::make_shared<http::EventStream>();
    feed.Subscribe(access->workspace.id, access->caller, stream);
    // Access lost between the first check and the subscription ended no stream of ours; from
    // now on the End* methods would end it. So one more check closes that gap.
    if (auto still = Authorize(auth, store, users, r, Need::kMember); !still.ok()) {
      stream->Close();
      return http::StreamResponse::Refuse(ErrorResponse(still.error()));
    }
    return http::StreamResponse::Accept(stream);
  });
}

}  // namespace api
