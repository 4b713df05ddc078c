// Test support: a fake Graph API (cpp-httplib) on loopback that records what the server sends.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "testing/loopback_server.h"

namespace e2e {

// Waits until `done` holds, checking every few milliseconds, for at most `limit`. Returns
// whether it held: a condition, never a fixed sleep.
bool WaitFor(const std::function<bool()>& done,
             std::chrono::milliseconds limit = std::chrono::seconds{20});

struct GraphRequest {
  std::string path;
  std::string authorization;
  std::string body;
};

// A fake Graph API: answers each message POST with the next scripted reply (default: accepted,
// with a fresh wamid) and records it. Read marks and typing indicators (WhatsApp's status read,
// Messenger's sender_action) are answered {"success":true} and recorded apart, as signals.
// Media: GET /{version}/{media-id} describes a media added with AddMedia (its url on this server,
// /files/{media-id}), whose bytes that url gives to a request with a Bearer token; both GETs are
// recorded as media requests, and FailMedia makes the next ones answer an error. A media upload
// (POST /{version}/{phone-id}/media) is answered with a fresh media id and recorded apart.
class FakeGraph {
 public:
  FakeGraph();
  bool started() const { return started_; }
  int port() const { return loopback_.port(); }
  void Script(int status, std::string body);  // the next reply; "{n}" becomes the request number
  std::vector<GraphRequest> requests();       // the messages sent
  std::vector<GraphRequest> signals();        // the read marks and typing indicators
  std::size_t count();

  // A media the fake serves: GET /{version}/{id} describes it, GET /files/{id} gives `bytes`.
  void AddMedia(const std::string& id, std::string mime_type, std::string bytes);
  void FailMedia(int times, int status);       // the next `times` media GETs answer `status`
  std::vector<GraphRequest> media_requests();  // the media GETs, in order
  std::vector<GraphRequest> uploads();  // the media uploads, in order (body: the file's bytes)

 private:
  struct Media {
    std::string mime_type;
    std::string bytes;
  };
  // Answers a media GET; false when the path is not a media's.
  bool ServeMedia(const httplib::Request& req, httplib::Response& res);

  std::mutex mutex_;
  std::deque<std::pair<int, std::string>> script_;
  std::vector<GraphRequest> requests_;
  std::vector<GraphRequest> signals_;
  std::map<std::string, Media> media_;
  std::vector<GraphRequest> media_requests_;
  std::vector<GraphRequest> uploads_;
  int media_failures_ = 0;
  int media_failure_status_ = 500;
  bool started_ = false;
  testing_support::LoopbackServer loopback_;  // last: stopped first
};

}  // namespace e2e
