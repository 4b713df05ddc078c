#include "http/test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace http_testing {
namespace {

constexpr std::size_t kReadChunk = 4096;
constexpr auto kPollStep = std::chrono::milliseconds(1);

sockaddr_in Loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollStep);
  }
  return true;
}

const http::CurlGlobal& Curl() {
  static const http::CurlGlobal curl;
  return curl;
}

RawConnection::RawConnection(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in address = Loopback(port);
  if (fd_ >= 0 &&
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    Close();
  }
}

RawConnection::~RawConnection() { Close(); }

void RawConnection::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty() && fd_ >= 0) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return bytes.empty();
}

std::string RawConnection::ReadUntil(const std::function<bool(const std::string&)>& done,
                                     std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (fd_ >= 0 && !eof_ && !done(buffer_)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char chunk[kReadChunk];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
      break;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  return buffer_;
}

std::optional<RawConnection::Response> RawConnection::ReadResponse(
    std::chrono::milliseconds limit) {
  // The length of the first complete response in `data`, or 0.
  const auto complete = [](const std::string& data) -> std::size_t {
    const std::size_t end = data.find("\r\n\r\n");
    if (end == std::string::npos) return 0;
    std::size_t length = 0;
    const std::string head = data.substr(0, end);
    for (std::string_view name : {"\r\nContent-Length: ", "\r\ncontent-length: "}) {
      if (const std::size_t at = head.find(name); at != std::string::npos) {
        length = std::stoul(head.substr(at + name.size()));
      }
    }
    return data.size() >= end + 4 + length ? end + 4 + length : 0;
  };
  ReadUntil([&](const std::string& data) { return complete(data) > 0; }, limit);
  const std::size_t size = complete(buffer_);
  if (size == 0) return std::nullopt;
  Response r;
  const std::size_t end = buffer_.find("\r\n\r\n");
  r.head = buffer_.substr(0, end);
  r.body = buffer_.substr(end + 4, size - end - 4);
  r.status = std::stoi(r.head.substr(r.head.find(' ') + 1, 3));
  buffer_.erase(0, size);
  return r;
}

bool RawConnection::WaitClosed(std::chrono::milliseconds limit) {
  ReadUntil([](const std::string&) { return false; }, limit);
  buffer_.clear();
  return eof_;
}

void Gate::Enter() {
  std::unique_lock lock(mutex_);
  ++entered_;
  changed_.notify_all();
  // Bounded, so that a failing test cannot hang the run.
  changed_.wait_for(lock, kWaitLimit, [this] { return open_; });
}

void Gate::Open() {
  std::lock_guard lock(mutex_);
  open_ = true;
  changed_.notify_all();
}

bool Gate::WaitEntered(int count, std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return entered_ >= count; });
}

TestServer::TestServer(http::Router router, http::ServerSettings settings) {
  settings.address = "127.0.0.1";
  settings.port = 0;
  server = std::make_unique<http::Server>(std::move(settings), std::move(router), metrics);
  base::Result<std::uint16_t> bound = server->Start();
  if (bound.ok()) {
    port = *bound;
    started = true;
  }
}

TestServer::~TestServer() { server.reset(); }

std::string TestServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

std::optional<double> TestServer::Metric(std::string_view series) const {
  const std::string page = metrics.Render();
  const std::string prefix = std::string(series) + ' ';
  for (std::size_t at = 0; at < page.size();) {
    const std::size_t end = page.find('\n', at);
    const std::string_view line(page.data() + at,
                                (end == std::string::npos ? page.size() : end) - at);
    if (line.starts_with(prefix)) return std::stod(std::string(line.substr(prefix.size())));
    at = end == std::string::npos ? page.size() : end + 1;
  }
  return std::nullopt;
}

std::uint16_t UnusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace http_testing
