// `frontdesk serve`: the HTTP server with the Meta webhooks, the web chat, health and metrics,
// and the background intake, timers and outbox. Runs until SIGINT or SIGTERM, then shuts down
// gracefully: no new connections, requests in flight finished, the current passes completed.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace app {

struct ServeOptions {
  std::optional<std::string> config;  // frontdesk.toml; defaults and FRONTDESK_* without it
};

// Returns 0 after a clean shutdown, 1 when the configuration, database or port is unusable.
int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace app
