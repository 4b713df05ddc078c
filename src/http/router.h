// Routes: (method, path pattern) → handler.
//
// A pattern is "/" or "/" followed by '/'-separated segments; a segment "{name}" captures any one
// non-empty path segment (percent-decoded) into Request::path_params. A literal segment beats a
// capture at the same position, so "/items/new" wins over "/items/{id}". A pattern may end with
// '/' ("/app/"): that path only, with its trailing slash. Matching is exact: "/a/" does not match
// "/a", nor "/a" "/a/".
//
// Handlers run on the server's worker pool, never on an io thread, so they may block (SQLite,
// libcurl) — but each blocked handler holds a worker: give every outside call a deadline. They run
// concurrently and must be thread-safe. An exception escaping a handler becomes a 500.
//
// A route may allow a larger (or smaller) request body than ServerSettings::max_body_bytes
// (RouteOptions): a file upload, say, while every other route keeps the server's limit.
//
// Thread-safety: build the router before giving it to the Server; Find is safe from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "http/event_stream.h"
#include "http/request.h"
#include "http/response.h"

namespace http {

using Handler = std::function<Response(const Request&)>;
using StreamHandler = std::function<StreamResponse(const Request&)>;

struct RouteOptions {
  // The largest request body this route takes; nullopt: ServerSettings::max_body_bytes.
  std::optional<std::size_t> max_body_bytes;
};

class Router {
 public:
  // Adds a route. An invalid pattern (not starting with '/', an empty or unclosed segment, a
  // duplicate capture name) or a second route for the same method and pattern shape is not added
  // and is recorded in status(): Server::Start refuses to start with it.
  void Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void Get(std::string_view pattern, Handler handler);
  void Post(std::string_view pattern, Handler handler, RouteOptions options = {});
  void Put(std::string_view pattern, Handler handler);
  void Patch(std::string_view pattern, Handler handler);
  void Delete(std::string_view pattern, Handler handler);
  // A GET route that serves server-sent events (see event_stream.h).
  void Stream(std::string_view pattern, StreamHandler handler);

  // Ok, or kInvalidArgument naming the first route that could not be added.
  base::Status status() const;

  struct Route {
    Method method;
    std::string pattern;  // as given: the metrics label
    std::vector<std::string> segments;
    std::vector<bool> captures;  // per segment: a {capture}
    Handler handler;             // exactly one of handler and stream is set
    StreamHandler stream;
    RouteOptions options;
  };
  struct Match {
    const Route* route = nullptr;  // set when found
    std::size_t index = 0;         // of `route` in routes()
    std::vector<std::pair<std::string, std::string>> params;
    // When not found: the methods of routes matching the path, for 405's Allow ("GET, POST");
    // empty means 404.
    std::string allow;
  };
  // Finds the route of `method` and `raw_path` (the target's path, still percent-encoded: every
  // segment is decoded on its own, so "%2F" stays inside its segment). Never fails: an unknown
  // path gives a Match with neither route nor allow.
  Match Find(Method method, std::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

  // The largest RouteOptions::max_body_bytes of any route, or `server_limit` when larger.
  std::size_t LargestBodyLimit(std::size_t server_limit) const;

 private:
  void AddRoute(Method method, std::string_view pattern, Handler handler, StreamHandler stream,
                RouteOptions options);

  std::vector<Route> routes_;
  std::string first_error_;
};

}  // namespace http
