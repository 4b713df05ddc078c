#include "http/event_stream.h"

#include <string_view>

namespace http {
namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  }
  out += '\n';
}

}  // namespace

std::string FormatEvent(const ServerEvent& event) {
  std::string out;
  if (!event.event.empty()) AppendField(out, "event", event.event);
  if (!event.id.empty()) AppendField(out, "id", event.id);
  // Every line terminator (CRLF, LF, CR) starts a new data line.
  std::string_view rest = event.data;
  for (;;) {
    const std::size_t end = rest.find_first_of("\r\n");
    out += "data: ";
    out += rest.substr(0, end);
    out += '\n';
    if (end == std::string_view::npos) break;
    const std::size_t skip =
        (rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n') ? end + 2 : end + 1;
    rest = rest.substr(skip);
  }
  out += '\n';
  return out;
}

EventStream::EventStream(std::size_t max_queued_events) : max_queued_(max_queued_events) {}

bool EventStream::Publish(ServerEvent event) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  if (queue_.size() >= max_queued_) {
    closed_ = true;  // the client is too slow: end the stream, it reconnects with Last-Event-ID
  } else {
    queue_.push_back(std::move(event));
  }
  if (notify_) notify_();
  return !closed_;
}

void EventStream::Close() {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  closed_ = true;
  if (notify_) notify_();
}

bool EventStream::ended() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void EventStream::SetNotify(std::function<void()> notify) {
  std::lock_guard lock(mutex_);
  if (!detached_) notify_ = std::move(notify);
}

EventStream::Pending EventStream::TakePending() {
  std::deque<ServerEvent> events;
  Pending pending;
  {
    std::lock_guard lock(mutex_);
    events.swap(queue_);
    pending.closed = closed_;
  }
  for (const ServerEvent& e : events) pending.bytes += FormatEvent(e);
  return pending;
}

void EventStream::Detach() {
  std::function<void()> dropped;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    detached_ = true;
    queue_.clear();
    dropped.swap(notify_);
  }
}

StreamResponse StreamResponse::Accept(std::shared_ptr<EventStream> stream, HeaderFields headers) {
  StreamResponse r;
  r.stream = std::move(stream);
  r.response.headers = std::move(headers);
  return r;
}

StreamResponse StreamResponse::Refuse(Response response) {
  StreamResponse r;
  r.response = std::move(response);
  return r;
}

}  // namespace http
