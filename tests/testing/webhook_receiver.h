// Test support: a receiver of the workspace's outgoing webhooks on loopback. It records every
// POST to /hook and answers with the statuses queued by Answer(), then 200.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "testing/loopback_server.h"

namespace testing_support {

class WebhookReceiver {
 public:
  WebhookReceiver() {
    loopback_.server.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      received_.push_back(req);
      res.status = statuses_.empty() ? 200 : statuses_.front();
      if (!statuses_.empty()) statuses_.pop_front();
      arrived_.notify_all();
    });
    loopback_.server.set_keep_alive_max_count(1);  // stop() need not wait for an idle connection
    started_ = loopback_.Start();
  }
  bool started() const { return started_; }
  std::string url() const { return loopback_.Url("/hook"); }

  void Answer(std::deque<int> statuses) {
    std::lock_guard lock(mutex_);
    statuses_ = std::move(statuses);
  }
  std::vector<httplib::Request> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // The latest delivery of `event` (its X-Frontdesk-Event); nullopt when none came in 20 s.
  std::optional<httplib::Request> WaitFor(const std::string& event) {
    std::unique_lock lock(mutex_);
    std::optional<httplib::Request> found;
    arrived_.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const httplib::Request& r : received_) {
        if (r.get_header_value("X-Frontdesk-Event") == event) found = r;
      }
      return found.has_value();
    });
    return found;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<int> statuses_;
  std::vector<httplib::Request> received_;
  bool started_ = false;
  LoopbackServer loopback_;  // last: stopped first, while the members its handler uses live
};

}  // namespace testing_support
