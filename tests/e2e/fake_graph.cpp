#include "e2e/fake_graph.h"

namespace e2e {

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return done();
}

FakeGraph::FakeGraph() {
  loopback_.server.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    if (!ServeMedia(req, res)) res.status = 404;
  });
  loopback_.server.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    // Read marks and typing indicators are answered as Graph does, kept apart from messages.
    if (req.body.find("\"sender_action\"") != std::string::npos ||
        req.body.find("\"status\":\"read\"") != std::string::npos) {
      signals_.push_back({req.path, req.get_header_value("Authorization"), req.body});
      res.set_content(R"({"success":true})", "application/json");
      return;
    }
    if (req.path.ends_with("/media")) {
      // The uploaded file's bytes (cpp-httplib parses the form; its body stays empty).
      const std::string file = req.has_file("file") ? req.get_file_value("file").content : "";
      uploads_.push_back({req.path, req.get_header_value("Authorization"), file});
      res.set_content(R"({"id":"77000)" + std::to_string(uploads_.size()) + R"("})",
                      "application/json");
      return;
    }
    if (req.path.ends_with("/message_attachments")) {
      // Instagram's Attachment Upload API: the bytes as `filedata`, for the platform named.
      const std::string file =
          req.has_file("filedata") ? req.get_file_value("filedata").content : "";
      const std::string platform =
          req.has_file("platform") ? req.get_file_value("platform").content : "";
      if (platform != "instagram" || !req.has_file("message")) {
        res.status = 400;
        res.set_content(R"({"error":{"message":"(#100) Invalid parameter","code":100}})",
                        "application/json");
        return;
      }
      uploads_.push_back({req.path, req.get_header_value("Authorization"), file});
      res.set_content(R"({"attachment_id":"88000)" + std::to_string(uploads_.size()) + R"("})",
                      "application/json");
      return;
    }
    requests_.push_back({req.path, req.get_header_value("Authorization"), req.body});
    if (!script_.empty()) {
      res.status = script_.front().first;
      // "{n}" becomes the request's number: every accepted send gets its own id.
      std::string body = script_.front().second;
      if (const auto at = body.find("{n}"); at != std::string::npos) {
        body.replace(at, 3, std::to_string(requests_.size()));
      }
      res.set_content(body, "application/json");
      script_.pop_front();
      return;
    }
    res.set_content(R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.sent)" +
                        std::to_string(requests_.size()) + R"("}]})",
                    "application/json");
  });
  started_ = loopback_.Start();
}

bool FakeGraph::ServeMedia(const httplib::Request& req, httplib::Response& res) {
  media_requests_.push_back({req.path, req.get_header_value("Authorization"), ""});
  if (media_failures_ > 0) {
    --media_failures_;
    res.status = media_failure_status_;
    res.set_content(R"({"error":{"message":"fake failure","code":1}})", "application/json");
    return true;
  }
  const bool file = req.path.starts_with("/files/");
  const std::string id = req.path.substr(req.path.rfind('/') + 1);
  const auto found = media_.find(id);
  if (found == media_.end()) return false;
  if (!req.get_header_value("Authorization").starts_with("Bearer ")) {
    res.status = 401;
    return true;
  }
  if (file) {
    res.set_content(found->second.bytes, found->second.mime_type);
    return true;
  }
  res.set_content(R"({"messaging_product":"whatsapp","url":")" + loopback_.Url("/files/" + id) +
                      R"(","mime_type":")" + found->second.mime_type + R"(","file_size":)" +
                      std::to_string(found->second.bytes.size()) + R"(,"id":")" + id + R"("})",
                  "application/json");
  return true;
}

void FakeGraph::AddMedia(const std::string& id, std::string mime_type, std::string bytes) {
  std::lock_guard lock(mutex_);
  media_[id] = {std::move(mime_type), std::move(bytes)};
}

void FakeGraph::FailMedia(int times, int status) {
  std::lock_guard lock(mutex_);
  media_failures_ = times;
  media_failure_status_ = status;
}

std::vector<GraphRequest> FakeGraph::uploads() {
  std::lock_guard lock(mutex_);
  return uploads_;
}

std::vector<GraphRequest> FakeGraph::media_requests() {
  std::lock_guard lock(mutex_);
  return media_requests_;
}

void FakeGraph::Script(int status, std::string body) {
  std::lock_guard lock(mutex_);
  script_.emplace_back(status, std::move(body));
}

std::vector<GraphRequest> FakeGraph::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<GraphRequest> FakeGraph::signals() {
  std::lock_guard lock(mutex_);
  return signals_;
}

std::size_t FakeGraph::count() {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

}  // namespace e2e
