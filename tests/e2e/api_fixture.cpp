#include "e2e/api_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace e2e {

std::string Shop(const std::string& rest) { return "/api/v1/workspaces/shop" + rest; }

void ApiTest::SetUp() {
  ASSERT_TRUE(crm_.Start(options_));
  owner_ = crm_.SignIn(CrmServer::kOwnerEmail, CrmServer::kOwnerPassword);
  const Answer added =
      Call(owner_, "POST", "/api/v1/workspaces/shop/members",
           nlohmann::json{{"email", kCollaboratorEmail}, {"password", "bea's own secret"}});
  ASSERT_EQ(added.status, 201) << added.raw;
  bea_ = crm_.SignIn(kCollaboratorEmail, "bea's own secret");
}

Answer ApiTest::Call(const httplib::Headers& as, const std::string& method, const std::string& path,
                     const std::string& body, const std::string& content_type) {
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = as;
  request.body = body;
  if (!body.empty()) request.set_header("Content-Type", content_type);
  httplib::Result result = crm_.client().send(request);
  if (!result) return {};
  return {result->status, nlohmann::json::parse(result->body, nullptr, false), result->body,
          result->headers};
}

void ApiTest::Customer(std::string& visitor, const std::string& text,
                       const std::string& workspace) {
  httplib::Headers headers;
  if (!visitor.empty()) headers.emplace("Cookie", visitor);
  auto r = crm_.client().Post("/chat/" + workspace + "/messages", headers,
                              nlohmann::json{{"text", text}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  if (const std::string set = r->get_header_value("Set-Cookie"); !set.empty()) {
    visitor = set.substr(0, set.find(';'));
  }
  crm_.WaitForReplies();
}

int ApiTest::StatusOfAnnouncedBody(const httplib::Headers& as, const std::string& method,
                                   const std::string& path, std::size_t content_length) {
  std::string head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : as) head += name + ": " + value + "\r\n";
  head += "Content-Length: " + std::to_string(content_length) + "\r\n\r\n";
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  const timeval limit{10, 0};  // a broken server fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(crm_.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size())) {
    char buffer[256];
    for (ssize_t n; reply.find("\r\n") == std::string::npos &&
                    (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
      reply.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  const std::size_t space = reply.find(' ');
  return space == std::string::npos ? 0 : std::atoi(reply.c_str() + space + 1);
}

}  // namespace e2e
