#include "store/postgres/announcement_payload.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <utility>

namespace store::postgres {
namespace {

using nlohmann::json;

// LISTEN takes no parameters: the channel's name is a constant.
constexpr std::string_view kNotify = "SELECT pg_notify('fd_changes', $1)";

// Message references per payload: about 40 bytes each keeps a payload near 4 kB.
constexpr std::size_t kRefsPerPayload = 100;

constexpr std::array<std::pair<core::AnnouncementKind, std::string_view>, 8> kKinds = {{
    {core::AnnouncementKind::kDecision, "decision"},
    {core::AnnouncementKind::kDeliveries, "deliveries"},
    {core::AnnouncementKind::kMedia, "media"},
    {core::AnnouncementKind::kConversation, "conversation"},
    {core::AnnouncementKind::kMemberRemoved, "member_removed"},
    {core::AnnouncementKind::kSessionEnded, "session_ended"},
    {core::AnnouncementKind::kOtherSessionsEnded, "other_sessions_ended"},
    {core::AnnouncementKind::kApiTokenRevoked, "api_token_revoked"},
}};

std::string_view KindName(core::AnnouncementKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "";
}

std::optional<core::AnnouncementKind> ParseKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

// The fields of `a` that hold more than their default, under short keys.
json Fields(std::string_view origin, const core::Announcement& a) {
  json out = {{"i", origin}, {"k", KindName(a.kind)}};
  if (a.workspace_id != 0) out["w"] = a.workspace_id;
  if (a.conversation_id != 0) out["c"] = a.conversation_id;
  if (a.kind == core::AnnouncementKind::kDecision) out["ch"] = core::ToString(a.channel);
  if (!a.message_ids.empty()) out["m"] = a.message_ids;
  if (!a.notification_ids.empty()) out["n"] = a.notification_ids;
  if (a.user_id != 0) out["u"] = a.user_id;
  if (!a.token_hash.empty()) out["h"] = a.token_hash;
  if (a.token_id != 0) out["t"] = a.token_id;
  return out;
}

json Refs(std::span<const core::MessageRef> refs) {
  json out = json::array();
  for (const core::MessageRef& r : refs) {
    out.push_back({r.workspace_id, r.conversation_id, r.message_id});
  }
  return out;
}

}  // namespace

std::vector<std::string> EncodeAnnouncement(std::string_view origin,
                                            const core::Announcement& announcement) {
  const json fields = Fields(origin, announcement);
  if (announcement.messages.empty()) return {fields.dump()};
  std::vector<std::string> payloads;
  const std::span<const core::MessageRef> refs(announcement.messages);
  for (std::size_t at = 0; at < refs.size(); at += kRefsPerPayload) {
    json chunk = fields;
    chunk["r"] = Refs(refs.subspan(at, std::min(kRefsPerPayload, refs.size() - at)));
    payloads.push_back(chunk.dump());
  }
  return payloads;
}

std::optional<HeardPayload> DecodeAnnouncement(std::string_view payload) {
  const json fields = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!fields.is_object()) return std::nullopt;
  try {
    HeardPayload heard;
    heard.origin = fields.at("i").get<std::string>();
    auto kind = ParseKind(fields.at("k").get<std::string>());
    if (!kind) return std::nullopt;
    core::Announcement& a = heard.announcement;
    a.kind = *kind;
    a.workspace_id = fields.value("w", std::int64_t{0});
    a.conversation_id = fields.value("c", std::int64_t{0});
    if (auto channel = core::ParseChannel(fields.value("ch", std::string("web")))) {
      a.channel = *channel;
    } else {
      return std::nullopt;
    }
    a.message_ids = fields.value("m", std::vector<std::int64_t>{});
    a.notification_ids = fields.value("n", std::vector<std::int64_t>{});
    for (const json& r : fields.value("r", json::array())) {
      a.messages.push_back(
          {r.at(0).get<std::int64_t>(), r.at(1).get<std::int64_t>(), r.at(2).get<std::int64_t>()});
    }
    a.user_id = fields.value("u", std::int64_t{0});
    a.token_hash = fields.value("h", std::string());
    a.token_id = fields.value("t", std::int64_t{0});
    return heard;
  } catch (const json::exception&) {
    return std::nullopt;  // a field of another type: not a payload of this version's
  }
}

base::Status Notify(Connection& db, std::string_view origin, const core::Announcement& a) {
  for (const std::string& payload : EncodeAnnouncement(origin, a)) {
    auto q = db.Prepare(kNotify);
    if (!q.ok()) return q.error();
    if (base::Status sent = q->Bind(1, payload).Run(); !sent.ok()) return sent;
  }
  return base::Status::Ok();
}

base::Status AnnounceDecision(Connection& db, std::string_view origin,
                              const core::Decision& decision) {
  core::Announcement a{.kind = core::AnnouncementKind::kDecision,
                       .workspace_id = decision.conversation.workspace_id,
                       .conversation_id = decision.conversation.id,
                       .channel = decision.conversation.channel};
  for (const core::Message& m : decision.messages) a.message_ids.push_back(m.id);
  for (const core::Notification& n : decision.notifications) a.notification_ids.push_back(n.id);
  std::ranges::sort(a.message_ids);
  std::ranges::sort(a.notification_ids);
  return Notify(db, origin, a);
}

}  // namespace store::postgres
