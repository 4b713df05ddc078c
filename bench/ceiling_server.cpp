// The ceiling of webhook ingestion on this machine: the same HTTP server as `frontdesk serve`,
// with a handler that only checks the HMAC and parses the JSON, storing nothing. Prints
// "listening on PORT" and serves until SIGINT/SIGTERM.
//
//   ceiling_server APP_SECRET
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/metrics.h"
#include "channels/signature.h"
#include "http/server.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: ceiling_server APP_SECRET\n";
    return 2;
  }
  const std::string secret = argv[1];
  http::Router router;
  router.Post("/webhooks/whatsapp", [&secret](const http::Request& request) {
    if (!channels::VerifySignature(request.body, request.Header("X-Hub-Signature-256").value_or(""),
                                   secret)) {
      return http::Response::Text(401, "bad signature");
    }
    const auto json = nlohmann::json::parse(request.body, nullptr, false);
    if (json.is_discarded()) return http::Response::BadRequest();
    return http::Response::Text(200, "EVENT_RECEIVED");
  });
  base::Metrics metrics;
  http::ServerSettings settings;
  http::Server server(settings, std::move(router), metrics);
  auto port = server.Start();
  if (!port.ok()) {
    std::cerr << port.error().message << '\n';
    return 1;
  }
  std::cout << "listening on " << *port << std::endl;
  server.RunUntilSignal(std::chrono::seconds{2});
  return 0;
}
