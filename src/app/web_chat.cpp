#include "app/web_chat.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <span>

#include "api/attachment_routes.h"
#include "api/json_api.h"
#include "app/web_assets.h"
#include "base/sha256.h"

namespace app {
namespace {

using nlohmann::json;

constexpr std::string_view kVisitorCookie = "fd_visitor";
constexpr std::size_t kVisitorIdBytes = 16;
constexpr std::size_t kMaxTextBytes = 4000;
constexpr std::size_t kHistoryShown = 100;
constexpr auto kVisitorCookieAge = std::chrono::hours{24 * 365};
constexpr int kAccepted = 202;

// A message as the visitor's page shows it, with the stored files among `media` that it carries
// (a person's files; each read back at attachments/{id} with the visitor's cookie).
json MessageJson(const core::Message& m, std::span<const core::Media> media) {
  json out{{"id", m.id},
           {"author", core::ToString(m.author)},
           {"text", m.text},
           {"at", base::FormatTime(m.at)}};
  for (const core::Media& file : media) {
    if (file.message_id != m.id || file.state != core::MediaState::kStored) continue;
    if (!out.contains("files")) out["files"] = json::array();
    out["files"].push_back({{"id", file.id},
                            {"kind", core::ToString(file.kind)},
                            {"type", file.mime_type},
                            {"name", file.file_name}});
  }
  return out;
}

std::string NewVisitorId() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device entropy;
  std::string id;
  for (std::size_t i = 0; i < kVisitorIdBytes; ++i) {
    const unsigned byte = entropy() & 0xFFu;
    id += kHex[byte >> 4];
    id += kHex[byte & 0xFu];
  }
  return id;
}

bool IsVisitorId(const std::string& id) {
  return id.size() == 2 * kVisitorIdBytes &&
         id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The conversation of the visitor whose cookie is `visitor`: its contact is known by the cookie's
// SHA-256, so that neither the CRM, its API nor its webhooks ever see the cookie itself
// (migration 10 keys older contacts the same way).
core::ConversationKey KeyOf(std::int64_t workspace_id, const std::string& visitor) {
  return {workspace_id, core::Channel::kWeb, base::Sha256Hex(visitor), ""};
}

// The request's visitor and whether the cookie must be set.
std::pair<std::string, bool> Visitor(const http::Request& request) {
  if (auto id = request.Cookie(kVisitorCookie); id && IsVisitorId(*id)) return {*id, false};
  return {NewVisitorId(), true};
}

http::Response WithVisitor(http::Response response, const std::string& visitor, bool set) {
  if (set) {
    http::CookieOptions options;
    options.max_age = kVisitorCookieAge;
    options.secure = false;  // an anonymous visitor id, also for plain-HTTP installs
    // The id is hex and the name a constant: the cookie is always valid.
    (void)response.SetCookie(kVisitorCookie, visitor, options);
  }
  return response;
}

struct Context {
  core::Store& store;
  core::MediaStore& media;
  runtime::Engine& engine;
  const base::Clock& clock;
  WebChatHub& hub;
};

base::Result<core::Workspace> WorkspaceOf(const Context& c, const http::Request& request) {
  return c.store.FindWorkspace(request.PathParam("workspace").value_or(""));
}

// 503 for a store that failed: the visitor tries again, the server's log says why.
http::Response TryAgain(const base::Error& error) {
  http::Response response = http::Response::Text(503, "try again");
  response.log_note = error.message;
  return response;
}

http::Response History(const Context& c, const http::Request& request) {
  auto workspace = WorkspaceOf(c, request);
  if (!workspace.ok()) return http::Response::NotFound();
  const auto [visitor, fresh] = Visitor(request);
  json page{{"messages", json::array()}, {"title", "Chat"}};
  if (auto published = c.store.LoadPublished(workspace->id); published.ok()) {
    if (!published->config.company_name.empty()) page["title"] = published->config.company_name;
  }
  if (!fresh) {
    auto snapshot = c.store.OpenConversation(KeyOf(workspace->id, visitor), kHistoryShown);
    if (!snapshot.ok()) return TryAgain(snapshot.error());
    auto media = c.media.ListMedia(workspace->id, snapshot->conversation.id);
    if (!media.ok()) return TryAgain(media.error());
    for (const core::Message& m : snapshot->history) {
      page["messages"].push_back(MessageJson(m, *media));
    }
  }
  return WithVisitor(http::Response::Json(200, page.dump()), visitor, fresh);
}

http::Response Post(const Context& c, const http::Request& request) {
  auto workspace = WorkspaceOf(c, request);
  if (!workspace.ok()) return http::Response::NotFound();
  const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("text") || !body["text"].is_string()) {
    return http::Response::BadRequest("send {\"text\": \"...\"}");
  }
  const std::string text = body["text"].get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return http::Response::BadRequest("the message is empty");
  }
  if (text.size() > kMaxTextBytes) return http::Response::PayloadTooLarge();
  const auto [visitor, fresh] = Visitor(request);
  auto decision =
      c.engine.Handle(KeyOf(workspace->id, visitor), core::CustomerMessage{text, c.clock.Now()});
  if (!decision.ok()) {
    if (decision.error().code == base::ErrorCode::kFailedPrecondition) {
      return http::Response::Text(409, "this agent is not published yet");
    }
    return TryAgain(decision.error());
  }
  return WithVisitor(http::Response::Json(kAccepted, R"({"ok":true})"), visitor, fresh);
}

// A file of the visitor's own conversation; 404 for any other (another visitor's, another
// workspace's, one not stored) and without the visitor's cookie.
http::Response File(const Context& c, const http::Request& request) {
  auto workspace = WorkspaceOf(c, request);
  const auto visitor = request.Cookie(kVisitorCookie);
  const auto id = api::IdParam(request, "attachment");
  if (!workspace.ok() || !visitor || !IsVisitorId(*visitor) || !id) {
    return http::Response::NotFound();
  }
  auto snapshot = c.store.OpenConversation(KeyOf(workspace->id, *visitor), 0);
  if (!snapshot.ok()) return TryAgain(snapshot.error());
  return api::FileResponse(c.media.ReadMedia(workspace->id, snapshot->conversation.id, *id));
}

http::StreamResponse Events(const Context& c, const http::Request& request) {
  auto workspace = WorkspaceOf(c, request);
  const auto visitor = request.Cookie(kVisitorCookie);
  if (!workspace.ok() || !visitor || !IsVisitorId(*visitor)) {
    return http::StreamResponse::Refuse(http::Response::NotFound());
  }
  auto snapshot = c.store.OpenConversation(KeyOf(workspace->id, *visitor), 0);
  if (!snapshot.ok()) return http::StreamResponse::Refuse(TryAgain(snapshot.error()));
  auto stream = std::make_shared<http::EventStream>();
  c.hub.Subscribe(snapshot->conversation.id, stream);
  return http::StreamResponse::Accept(stream);
}

}  // namespace

void WebChatHub::Subscribe(std::int64_t conversation_id,
                           std::shared_ptr<http::EventStream> stream) {
  std::lock_guard lock(mutex_);
  auto& list = streams_[conversation_id];
  std::erase_if(list, [](const auto& s) { return s->ended(); });
  list.push_back(std::move(stream));
}

WebChatHub::WebChatHub(core::MediaStore& media) : media_(media) {}

void WebChatHub::Publish(const core::Decision& decision) {
  if (decision.conversation.channel != core::Channel::kWeb) return;
  {
    std::lock_guard lock(mutex_);
    if (!streams_.contains(decision.conversation.id)) return;
  }
  // A person's reply may carry a file, committed with it. Read outside the hub's lock: the store
  // never holds up another conversation's streams.
  std::vector<core::Media> media;
  const bool from_a_person =
      std::any_of(decision.messages.begin(), decision.messages.end(),
                  [](const core::Message& m) { return m.author == core::Author::kHumanCrm; });
  if (from_a_person) {
    auto listed = media_.ListMedia(decision.conversation.workspace_id, decision.conversation.id);
    if (listed.ok()) media = std::move(*listed);  // else the text; the page's next load has it
  }
  std::lock_guard lock(mutex_);
  auto it = streams_.find(decision.conversation.id);
  if (it == streams_.end()) return;  // its streams ended meanwhile
  for (const core::Message& m : decision.messages) {
    if (m.author == core::Author::kCustomer) continue;
    const std::string data = MessageJson(m, media).dump();
    std::erase_if(it->second, [&](const auto& s) {
      return !s->Publish({data, "", std::to_string(m.id)});
    });
  }
  if (it->second.empty()) streams_.erase(it);
}

bool WebChatHub::Watched(std::int64_t conversation_id) {
  std::lock_guard lock(mutex_);
  return streams_.contains(conversation_id);
}

void WebChatHub::EndAll() {
  std::lock_guard lock(mutex_);
  for (auto& [id, streams] : streams_) {
    for (const auto& stream : streams) stream->Close();
  }
  streams_.clear();
}

void AddWebChatRoutes(http::Router& router, core::Store& store, core::MediaStore& media,
                      runtime::Engine& engine, const base::Clock& clock, WebChatHub& hub) {
  const auto c = std::make_shared<const Context>(Context{store, media, engine, clock, hub});
  // The files are compiled in (web/chat.html, web/widget.js): neither lookup can fail.
  const WebAsset* page = FindWebAsset("chat.html");
  const WebAsset* widget = FindWebAsset("widget.js");
  router.Get("/chat/{workspace}", [c, page](const http::Request& request) {
    if (!WorkspaceOf(*c, request).ok() || page == nullptr) return http::Response::NotFound();
    return AssetResponse(*page, request);
  });
  router.Get("/chat/{workspace}/widget.js", [c, widget](const http::Request& request) {
    if (!WorkspaceOf(*c, request).ok() || widget == nullptr) return http::Response::NotFound();
    return AssetResponse(*widget, request);
  });
  router.Get("/chat/{workspace}/messages",
             [c](const http::Request& request) { return History(*c, request); });
  router.Post("/chat/{workspace}/messages",
              [c](const http::Request& request) { return Post(*c, request); });
  router.Get("/chat/{workspace}/attachments/{attachment}",
             [c](const http::Request& request) { return File(*c, request); });
  router.Stream("/chat/{workspace}/events",
                [c](const http::Request& request) { return Events(*c, request); });
}

}  // namespace app
