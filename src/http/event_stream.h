// Server-sent events (text/event-stream): a stream that any thread publishes to and one
// connection writes out.
//
// A stream route's handler (Router::Stream) returns StreamResponse::Accept(stream) and keeps the
// stream (usually in a hub keyed by whatever the application subscribes to). The server writes the
// event-stream headers, then every published event in order, and a comment line every
// ServerSettings::stream_keepalive while nothing is published. The stream ends when the client
// disconnects, the server stops, Close() is called, or the client reads too slowly for the queue
// (it then reconnects with Last-Event-ID, which the handler can read from the request).
//
// Thread-safety: every member is safe to call from any thread. Publish never blocks on the
// network: it queues and wakes the connection.
//
// shared_ptr: a stream is shared by its publisher and its connection, and lives as long as the
// longer of the two.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "http/response.h"

namespace http {

inline constexpr std::size_t kDefaultMaxQueuedEvents = 1024;

struct ServerEvent {
  std::string data;   // may span lines; each is sent as its own "data:" line
  std::string event;  // optional "event:" type; CR and LF are dropped
  std::string id;     // optional "id:" (the client's Last-Event-ID); CR, LF and NUL are dropped
};

// The wire form of one event: "event: x\nid: 7\ndata: line 1\ndata: line 2\n\n".
std::string FormatEvent(const ServerEvent& event);

class EventStream {
 public:
  explicit EventStream(std::size_t max_queued_events = kDefaultMaxQueuedEvents);
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Queues `event` for the client. Returns false, queuing nothing, once the stream has ended;
  // the publisher then drops the stream. Overflowing the queue ends the stream (the events
  // already queued are still written).
  bool Publish(ServerEvent event);
  // Ends the stream once the queued events are written. Idempotent.
  void Close();
  // True once Publish would return false.
  bool ended() const;

  // --- For the server's connection only. ---

  // Sets the function called whenever events are queued or the stream closes. It runs on the
  // publishing thread under the stream's lock: it must only post work elsewhere, never call back.
  void SetNotify(std::function<void()> notify);
  struct Pending {
    std::string bytes;    // the queued events, formatted, oldest first
    bool closed = false;  // nothing will follow `bytes`
  };
  Pending TakePending();
  // The connection is gone: Publish returns false from now on and `notify` is dropped (it is not
  // running and will not run once Detach returns).
  void Detach();

 private:
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::deque<ServerEvent> queue_;
  bool closed_ = false;    // no more publishing (Close, overflow or Detach)
  bool detached_ = false;  // the connection is gone
  std::function<void()> notify_;
};

// What a stream route's handler returns: a stream to serve, or a plain response refusing it.
struct StreamResponse {
  // Null: `response` is sent as an ordinary reply (401, 404...).
  std::shared_ptr<EventStream> stream;
  // With a stream, only its headers are used (CORS, Set-Cookie); the status is 200 and the
  // Content-Type text/event-stream.
  Response response;

  static StreamResponse Accept(std::shared_ptr<EventStream> stream, HeaderFields headers = {});
  static StreamResponse Refuse(Response response);
};

}  // namespace http
