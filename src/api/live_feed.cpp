#include "api/live_feed.h"

#include <algorithm>
#include <string>

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

void LiveFeed::EndMember(std::int64_t workspace_id, std::int64_t user_id) {
  EndIf([&](std::int64_t ws, const Subscriber& s) {
    return ws == workspace_id && s.user_id == user_id;
  });
}

void LiveFeed::EndApiToken(std::int64_t token_id) {
  EndIf([&](std::int64_t, const Subscriber& s) { return s.api_token_id == token_id; });
}

void LiveFeed::EndSession(const std::string& token_hash) {
  EndIf([&](std::int64_t, const Subscriber& s) {
    return s.session && s.session->token_hash == token_hash;
  });
}

void LiveFeed::EndOtherSessions(const Caller& caller) {
  EndIf([&](std::int64_t, const Subscriber& s) {
    return s.user_id == caller.user.id && s.session &&
           (!caller.session || s.session->token_hash != caller.session->token_hash);
  });
}

void LiveFeed::EndExpiredSessions(base::TimePoint now) {
  EndIf(
      [&](std::int64_t, const Subscriber& s) { return s.session && s.session->expires_at <= now; });
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

void PublishSummary(LiveFeed& feed, std::int64_t workspace_id,
                    const core::ConversationSummary& summary) {
  feed.Publish(workspace_id, "conversation", {{"conversation", SummaryJson(summary)}});
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
    PublishSummary(feed, workspace_id, *summary);
  }
}

void PublishDeliveries(LiveFeed& feed, const std::vector<core::DeliveryChange>& changes) {
  for (const core::DeliveryChange& c : changes) {
    feed.Publish(c.workspace_id, "delivery",
                 {{"conversation_id", c.conversation_id},
                  {"message_id", c.message_id},
                  {"delivery", core::ToString(c.delivery)},
                  {"delivery_error", c.error}});
  }
}

void PublishMedia(LiveFeed& feed, const core::Media& media) {
  feed.Publish(media.workspace_id, "media",
               {{"conversation_id", media.conversation_id},
                {"message_id", media.message_id},
                {"media", MediaJson(media)}});
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
