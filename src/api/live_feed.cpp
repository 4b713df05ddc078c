#include "api/live_feed.h"

#include <string>

#include "api/access.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {

void LiveFeed::Subscribe(std::int64_t workspace_id, std::shared_ptr<http::EventStream> stream) {
  std::lock_guard lock(mutex_);
  auto& list = streams_[workspace_id];
  std::erase_if(list, [](const auto& s) { return s->ended(); });
  list.push_back(std::move(stream));
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
  std::erase_if(it->second, [&](const auto& s) {
    return !s->Publish({payload, std::string(type), ""});
  });
  if (it->second.empty()) streams_.erase(it);
}

void PublishSummary(LiveFeed& feed, std::int64_t workspace_id,
                    const core::ConversationSummary& summary) {
  feed.Publish(workspace_id, "conversation", {{"conversation", SummaryJson(summary)}});
}

void PublishDecision(LiveFeed& feed, core::Crm& crm, const core::Decision& d) {
  const std::int64_t workspace_id = d.conversation.workspace_id;
  if (!feed.Watched(workspace_id)) return;
  for (const core::Message& m : d.messages) {
    feed.Publish(workspace_id, "message",
                 {{"conversation_id", d.conversation.id}, {"message", MessageJson(m)}});
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

void AddLiveRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                   LiveFeed& feed) {
  router.Stream("/api/v1/workspaces/{workspace}/events", [&](const http::Request& r) {
    auto access = Authorize(auth, store, users, r, Need::kMember);
    if (!access.ok()) return http::StreamResponse::Refuse(ErrorResponse(access.error()));
    auto stream = std::make_shared<http::EventStream>();
    feed.Subscribe(access->workspace.id, stream);
    return http::StreamResponse::Accept(stream);
  });
}

}  // namespace api
