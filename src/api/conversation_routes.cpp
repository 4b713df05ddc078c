#include "api/conversation_routes.h"

#include "api/crm_input.h"
#include "api/crm_json.h"
#include "api/json_api.h"

namespace api {
namespace {

using nlohmann::json;

constexpr std::size_t kDefaultConversations = 50;
constexpr std::size_t kMaxConversations = 100;
constexpr std::size_t kDefaultMessages = 50;
constexpr std::size_t kMaxMessages = 200;

// The {id} of the path; kNotFound when it is not an id.
base::Result<std::int64_t> ConversationId(const http::Request& r) {
  if (auto id = IdParam(r, "id")) return *id;
  return base::Error::NotFound("conversation not found");
}

http::Response List(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto filter = FilterParams(r);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto cursor = CursorParam(r);
  if (!cursor.ok()) return ErrorResponse(cursor.error());
  auto limit = LimitParam(r, kDefaultConversations, kMaxConversations);
  if (!limit.ok()) return ErrorResponse(limit.error());
  auto page = c.crm.ListConversations(access->workspace.id, *filter, *cursor, *limit);
  if (!page.ok()) return ErrorResponse(page.error());
  json list = json::array();
  for (const core::ConversationSummary& s : page->conversations) list.push_back(SummaryJson(s));
  return JsonResponse(
      200, {{"conversations", list},
            {"next_cursor", page->next ? json(EncodeCursor(*page->next)) : json(nullptr)}});
}

http::Response Unread(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto folder = FolderParam(r, core::Folder::kOpen);
  if (!folder.ok()) return ErrorResponse(folder.error());
  auto counts = c.crm.CountUnread(access->workspace.id, *folder);
  if (!counts.ok()) return ErrorResponse(counts.error());
  std::int64_t all = 0;
  json channels = json::object();
  for (const auto& [channel, n] : counts->channels) {
    channels[std::string(core::ToString(channel))] = n;
    all += n;
  }
  channels["all"] = all;
  json folders = json::object();
  for (const auto& [f, n] : counts->folders) folders[std::string(core::ToString(f))] = n;
  return JsonResponse(200, {{"channels", channels}, {"folders", folders}});
}

http::Response Get(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto id = ConversationId(r);
  if (!id.ok()) return ErrorResponse(id.error());
  auto summary = c.crm.LoadSummary(access->workspace.id, *id);
  if (!summary.ok()) return ErrorResponse(summary.error());
  return JsonResponse(200, SummaryJson(*summary));
}

http::Response Messages(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto id = ConversationId(r);
  if (!id.ok()) return ErrorResponse(id.error());
  auto before = IdQuery(r, "before");
  if (!before.ok()) return ErrorResponse(before.error());
  auto limit = LimitParam(r, kDefaultMessages, kMaxMessages);
  if (!limit.ok()) return ErrorResponse(limit.error());
  auto page = c.crm.ListMessages(access->workspace.id, *id, *before, *limit);
  if (!page.ok()) return ErrorResponse(page.error());
  auto media = c.media.ListMedia(access->workspace.id, *id);
  if (!media.ok()) return ErrorResponse(media.error());
  json list = json::array();
  for (const core::Message& m : page->messages) {
    json message = MessageJson(m);
    for (const core::Media& file : *media) {
      if (file.message_id != m.id) continue;
      if (!message.contains("media")) message["media"] = json::array();
      message["media"].push_back(MediaJson(file));
    }
    list.push_back(std::move(message));
  }
  return JsonResponse(
      200, {{"messages", list},
            {"next_before", page->next_before ? json(*page->next_before) : json(nullptr)}});
}

http::Response Timeline(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto id = ConversationId(r);
  if (!id.ok()) return ErrorResponse(id.error());
  auto events = c.store.ListAudit(access->workspace.id, *id);
  if (!events.ok()) return ErrorResponse(events.error());
  json list = json::array();
  for (const core::AuditEvent& e : *events) list.push_back(AuditEventJson(e));
  return JsonResponse(200, {{"events", list}});
}

// The change a PATCH body asks for; kInvalidArgument for anything else in it.
base::Result<core::ConversationChange> ChangeOf(const json& body) {
  if (base::Status known = OnlyKeys(body, {"folder", "priority"}); !known.ok()) {
    return known.error();
  }
  core::ConversationChange change;
  if (body.contains("folder")) {
    const auto folder = StringField(body, "folder");
    change.folder = folder ? core::ParseFolder(*folder) : std::nullopt;
    if (!change.folder) {
      return base::Error::InvalidArgument("folder must be open, solved, spam or archived");
    }
  }
  if (body.contains("priority")) {
    const auto priority = StringField(body, "priority");
    change.priority = priority ? core::ParsePriority(*priority) : std::nullopt;
    if (!change.priority) {
      return base::Error::InvalidArgument("priority must be normal, high or urgent");
    }
  }
  return change;
}

http::Response Patch(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto id = ConversationId(r);
  if (!id.ok()) return ErrorResponse(id.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  auto change = ChangeOf(*body);
  if (!change.ok()) return ErrorResponse(change.error());
  auto summary = c.crm.ChangeConversation(access->workspace.id, *id, *change,
                                          access->caller.user.email, c.clock.Now());
  if (summary.ok()) PublishSummary(c.feed, access->workspace.id, *summary);
  if (!summary.ok()) return ErrorResponse(summary.error());
  return JsonResponse(200, SummaryJson(*summary));
}

http::Response Read(const CrmContext& c, const http::Request& r) {
  auto access = AuthorizeMember(c, r);
  if (!access.ok()) return ErrorResponse(access.error());
  auto id = ConversationId(r);
  if (!id.ok()) return ErrorResponse(id.error());
  auto summary = c.crm.MarkRead(access->workspace.id, *id);
  if (summary.ok()) PublishSummary(c.feed, access->workspace.id, *summary);
  if (!summary.ok()) return ErrorResponse(summary.error());
  return JsonResponse(200, SummaryJson(*summary));
}

}  // namespace

void AddConversationRoutes(http::Router& router, const CrmContext& context) {
  const std::string base = "/api/v1/workspaces/{workspace}/conversations";
  const std::string one = base + "/{id}";
  const CrmContext& c = context;
  router.Get(base, [&c](const http::Request& r) { return List(c, r); });
  router.Get(base + "/unread", [&c](const http::Request& r) { return Unread(c, r); });
  router.Get(one, [&c](const http::Request& r) { return Get(c, r); });
  router.Get(one + "/messages", [&c](const http::Request& r) { return Messages(c, r); });
  router.Get(one + "/timeline", [&c](const http::Request& r) { return Timeline(c, r); });
  router.Patch(one, [&c](const http::Request& r) { return Patch(c, r); });
  router.Post(one + "/read", [&c](const http::Request& r) { return Read(c, r); });
}

}  // namespace api
