// Test support: an open event stream (a dashboard's, a web chat's) read on a thread of its own,
// and what it carried.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace e2e {

// The live stream of a workspace's dashboard.
inline std::string Events(const std::string& workspace) {
  return "/api/v1/workspaces/" + workspace + "/events";
}

// An open stream (a dashboard's, a web chat's), read on a thread of its own.
class Watcher {
 public:
  Watcher(const std::string& base_url, const std::string& path, httplib::Headers headers)
      : client_(base_url) {
    client_.set_read_timeout(std::chrono::seconds(30));  // longer than the server's keepalive
    thread_ = std::thread([this, path, headers] {
      auto r = client_.Get(
          path, headers,
          [this](const httplib::Response& response) {
            std::lock_guard lock(mutex_);
            status_ = response.status;
            changed_.notify_all();
            return response.status == 200;
          },
          [this](const char* data, std::size_t size) {
            std::lock_guard lock(mutex_);
            received_.append(data, size);
            changed_.notify_all();
            return true;
          });
      std::lock_guard lock(mutex_);
      if (status_ == 0 && r) status_ = r->status;
      done_ = true;
      changed_.notify_all();
    });
  }
  // stop() only closes a connection already open: repeated until the reading thread is done.
  ~Watcher() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      lock.unlock();
      client_.stop();
      lock.lock();
      changed_.wait_for(lock, std::chrono::milliseconds(10), [&] { return done_; });
    }
    lock.unlock();
    thread_.join();
  }

  // The status the stream was answered with (0 when no answer came).
  int Status() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(20), [&] { return status_ != 0 || done_; });
    return status_;
  }
  // Waits until the stream carried `part` (the deadline guards against a hang).
  bool WaitFor(const std::string& part) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20),
                             [&] { return received_.find(part) != std::string::npos; });
  }
  std::string received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // Waits until the server ended the stream (the deadline guards against a hang).
  bool WaitEnded() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return done_; });
  }

 private:
  httplib::Client client_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int status_ = 0;
  bool done_ = false;
  std::string received_;
};

}  // namespace e2e
