// The built-in web chat channel: anyone can talk to a workspace's agent in a browser.
//
//   GET  /chat/{workspace}             the chat page
//   GET  /chat/{workspace}/widget.js   a script that embeds it on any site (a button + a frame)
//   GET  /chat/{workspace}/messages    the visitor's conversation so far (JSON)
//   POST /chat/{workspace}/messages    {"text": "..."}: a customer message (202)
//   GET  /chat/{workspace}/events      the replies, pushed as server-sent events
//   GET  /chat/{workspace}/attachments/{id}  a file a person sent the visitor (from the CRM)
//
// A message with files lists them ("files": id, kind, type, name); each is read back at
// attachments/{id}, by the visitor's own cookie only.
//
// The visitor is identified by an HttpOnly cookie (fd_visitor) set on the first request. Replies
// reach the events stream from the engine's commit observer (Publish), and from the decisions
// other instances announce (core/announcements.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/decision.h"
#include "core/media.h"
#include "core/store.h"
#include "http/router.h"
#include "runtime/engine.h"

namespace app {

// The open event streams of web chat conversations. Thread-safe.
class WebChatHub {
 public:
  // `media` lists the files of a person's replies; borrowed, it must outlive the hub.
  explicit WebChatHub(core::MediaStore& media);
  void Subscribe(std::int64_t conversation_id, std::shared_ptr<http::EventStream> stream);
  // Pushes the messages of `decision` that are not the customer's to the conversation's streams.
  void Publish(const core::Decision& decision);
  // True when a visitor watches the conversation.
  bool Watched(std::int64_t conversation_id);
  // Every stream ends (replies may have been missed: the page reconnects and catches up).
  void EndAll();

 private:
  core::MediaStore& media_;
  std::mutex mutex_;
  std::map<std::int64_t, std::vector<std::shared_ptr<http::EventStream>>> streams_;
};

// Adds the routes. The references must outlive the router.
void AddWebChatRoutes(http::Router& router, core::Store& store, core::MediaStore& media,
                      runtime::Engine& engine, const base::Clock& clock, WebChatHub& hub);

}  // namespace app
