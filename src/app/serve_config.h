// The configuration of `frontdesk serve`: a TOML file (examples/frontdesk.toml documents every
// key) with FRONTDESK_* environment overrides, read once at start-up.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "api/auth.h"
#include "api/auth_routes.h"
#include "base/result.h"
#include "brain/llm/circuit.h"
#include "brain/llm/llm_brain.h"
#include "brain/llm/llm_metrics.h"
#include "http/server.h"
#include "runtime/outbox_sender.h"
#include "runtime/reply_pool.h"

namespace app {

// The instance's language model, which workspaces whose agent's brain is `llm` think with.
struct LlmConfig {
  brain::llm::LlmSettings settings;     // llm.base_url, llm.model, llm.output, ...
  brain::llm::CircuitSettings circuit;  // llm.circuit_failures, llm.circuit_open_for(_owner)
  brain::llm::Prices prices;            // llm.price_input_per_million, ..., llm.currency
  std::string api_key_env;              // llm.api_key_env: the variable that holds the key
  bool enabled() const { return !settings.endpoint.base_url.empty(); }
};

struct ServeConfig {
  // database.url: "sqlite:PATH" or "postgres://..." (store/database_url.h); database.path, the
  // key of older releases, names a SQLite file.
  std::string database_url = "sqlite:frontdesk.db";
  std::size_t database_connections = 16;  // database.connections (PostgreSQL)
  std::string media_path;       // media.path: where received files are kept; "" = "media" beside a
                                // SQLite database file
  http::ServerSettings server;  // server.address, server.port, ...
  // server.instance: this instance's name in the work it claims on a shared database
  // (store::DatabaseOptions::instance); "" = the host's name and server.port.
  std::string instance;
  base::Duration shutdown_grace = std::chrono::seconds{10};   // server.shutdown_grace
  std::string graph_base_url = "https://graph.facebook.com";  // graph.base_url
  base::Duration graph_timeout = std::chrono::seconds{10};    // graph.timeout
  runtime::OutboxSettings outbox;  // graph.api_version, outbox.max_attempts, outbox.parallel_sends
  api::AuthSettings auth;          // session.lifetime_hours
  api::AuthRouteSettings auth_routes;  // session.secure_cookie
  runtime::ReplyPoolSettings replies;  // llm.concurrency: replies (model calls) at once
  LlmConfig llm;
};

// Reads `file` (when given; every key is optional) and then the environment: each key
// "section.name" may be overridden by FRONTDESK_SECTION_NAME (e.g. FRONTDESK_SERVER_PORT=8080).
// `getenv` is injectable for tests. A switch is true or false (a TOML boolean, or the text "true"
// or "false"). A table (llm.extra_headers, llm.extra_body) is a JSON object in the environment.
// Returns kInvalidArgument naming the key (and the file's line, or the variable) for
// an unknown key, a value of the wrong type or out of range.
base::Result<ServeConfig> ReadServeConfig(
    const std::optional<std::filesystem::path>& file,
    const std::function<const char*(const char*)>& getenv = ::getenv);

}  // namespace app
