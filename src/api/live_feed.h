// The live updates of each workspace, pushed to its members' open dashboards as server-sent
// events on GET /api/v1/workspaces/{workspace}/events (docs/api/live.md). Every event is a JSON
// object; its type is the SSE event name:
//   message       {"conversation_id", "message": MESSAGE}
//   conversation  {"conversation": SUMMARY}   a change of mode, resume_at, folder, unread, ...
//   delivery      {"conversation_id", "message_id", "delivery", "delivery_error"}
//   notification  {"notification": NOTIFICATION}
// An update is published after the change committed. A dashboard that reconnects (the stream
// ended, or it read too slowly) reloads what it shows: nothing is replayed.
//
// A stream ends when the caller who opened it loses access: the End* methods are called once the
// change that took it away committed (a member removed, sessions signed out or expired, an API
// token revoked).
//
// Several instances: each has its feed, and what one publishes or ends reaches the others through
// core::Announcements. Decisions are announced by their commit; the changes made through a feed
// (the Publish* functions below but PublishDecision, the End* methods) are announced by it. What
// another instance announced comes in through PublishHeard, which reads the rows it names.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/auth.h"
#include "core/announcements.h"
#include "core/crm.h"
#include "core/decision.h"
#include "core/media.h"
#include "core/outbox.h"
#include "core/store.h"
#include "core/user.h"
#include "http/event_stream.h"
#include "http/router.h"

namespace api {

class LiveFeed {
 public:
  // `others` hears of what this feed publishes or ends; nullptr when no other instance serves the
  // database. Borrowed: it must outlive the feed.
  explicit LiveFeed(core::Announcements* others = nullptr) : others_(others) {}

  // Adds a stream of the workspace, opened by `caller` (a member of it).
  void Subscribe(std::int64_t workspace_id, const Caller& caller,
                 std::shared_ptr<http::EventStream> stream);
  // True when someone watches the workspace: updates need not be prepared otherwise.
  bool Watched(std::int64_t workspace_id);
  // Sends the event to every open stream of the workspace, dropping the streams that ended.
  // The other instances are not told.
  void Publish(std::int64_t workspace_id, std::string_view type, const nlohmann::json& data);
  // Tells the other instances of a change this one made; a failure is the reason, and costs only
  // their streams the update.
  base::Status Announce(const core::Announcement& announcement);

  // The user is no longer a member of the workspace: their streams of it end.
  void EndMember(std::int64_t workspace_id, std::int64_t user_id);
  // The session with this token hash was signed out: the streams it opened end.
  void EndSession(const std::string& token_hash);
  // Every session of the caller's user but the caller's own was signed out (a new password): the
  // streams they opened end. Those opened with API tokens stay.
  void EndOtherSessions(const Caller& caller);
  // The streams opened with sessions that expired at `now` end.
  void EndExpiredSessions(base::TimePoint now);
  // The API token with this id was revoked: the streams it opened end.
  void EndApiToken(std::int64_t token_id);
  // Every stream ends (announcements may have been missed: the clients reload).
  void EndAll();
  // Another instance ended streams (an announcement of a kind the End* methods make): this
  // instance's of them end. Other kinds are ignored.
  void Hear(const core::Announcement& announcement);

 private:
  struct Subscriber {
    std::shared_ptr<http::EventStream> stream;
    std::int64_t user_id = 0;
    std::optional<core::Session> session;      // nullopt when an API token opened the stream
    std::optional<std::int64_t> api_token_id;  // the API token's that opened it
  };
  // Ends the streams `announcement` names here, and tells the other instances.
  void EndAndAnnounce(const core::Announcement& announcement);
  // Closes and drops every stream for which `ends(workspace_id, subscriber)` holds.
  void EndIf(const std::function<bool(std::int64_t, const Subscriber&)>& ends);

  core::Announcements* const others_;
  std::mutex mutex_;
  std::map<std::int64_t, std::vector<Subscriber>> streams_;  // by workspace; guarded by mutex_
};

// The updates of a committed decision: its messages (a customer's with the files it carries, still
// pending: the dashboard shows them being fetched at once), its notifications, and the
// conversation's summary as it is now (read from `crm` and `media` only when someone watches the
// workspace).
void PublishDecision(LiveFeed& feed, core::Crm& crm, core::MediaStore& media,
                     const core::Decision& decision);
// A person changed a conversation (folder, priority, read): its summary now.
void PublishSummary(LiveFeed& feed, std::int64_t workspace_id,
                    const core::ConversationSummary& summary);
// The updates of deliveries that moved.
void PublishDeliveries(LiveFeed& feed, const std::vector<core::DeliveryChange>& changes);

// A message's file was downloaded, or will not be: {"conversation_id", "message_id", "media"}.
void PublishMedia(LiveFeed& feed, const core::Media& media);

// The decision another instance announced, as far as its streams show it: the conversation's
// workspace, id and channel, its messages and notifications, read from `crm`. A message or
// notification no longer stored (erased meanwhile) is left out.
base::Result<core::Decision> ReadAnnouncedDecision(core::Crm& crm,
                                                   const core::Announcement& announcement);
// What another instance announced, read from `crm` and `media` when someone here watches the
// workspace, and published to this instance's streams (without telling the others again). A
// store error costs only the update: the dashboards resync when they reconnect.
void PublishHeard(LiveFeed& feed, core::Crm& crm, core::MediaStore& media,
                  const core::Announcement& announcement);

// GET /api/v1/workspaces/{workspace}/events for any member. The references must outlive the
// router.
void AddLiveRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                   LiveFeed& feed);

}  // namespace api
