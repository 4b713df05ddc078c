// Outbound HTTP(S) with libcurl: one blocking call per request, always with a deadline.
//
//   http::CurlGlobal curl;                    // once, in main, before any thread starts
//   http::Client client(curl);                // share it: thread-safe
//   http::ClientFailure failure;
//   auto r = client.Send({.method = "POST", .url = url, .headers = {...}, .body = json,
//                         .timeout = std::chrono::seconds(10)}, &failure);
//
// Behaviour:
// - Any HTTP status is a successful Send (the caller reads `status`); errors are transport
//   failures only.
// - Redirects are never followed: a 3xx comes back as the response, Location included.
// - No proxy is used unless ClientSettings::proxy names one; the *_proxy environment variables are
//   ignored. Only http and https are allowed. TLS peers and host names are always verified.
// - Error messages name the method and the URL's scheme, host and port only: never the path,
//   query, user info, header values or body, where tokens live.
//
// Thread-safety: Send may be called from any number of threads at once. Each call takes an easy
// handle from a small pool owned by the Client (reusing its connections, TLS sessions and DNS
// cache) and gives it back. Send blocks: call it from a worker, never from an io thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "http/request.h"

namespace http {

inline constexpr base::Duration kDefaultClientTimeout = std::chrono::seconds(30);
inline constexpr base::Duration kDefaultConnectTimeout = std::chrono::seconds(5);
inline constexpr std::size_t kDefaultMaxResponseBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kDefaultMaxIdleHandles = 8;

// libcurl's process-wide set-up (curl_global_init) and tear-down. Construct exactly one, in main,
// before any thread exists, and keep it alive until every Client is gone.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;

  // kUnavailable when libcurl could not initialise: every Send then fails with it.
  base::Status status() const;

 private:
  bool ok_;
};

struct ClientRequest {
  std::string method = "GET";  // an upper-case token
  std::string url;             // http:// or https://
  HeaderFields headers;
  std::string body;                                // sent as is when not empty (or for POST)
  base::Duration timeout = kDefaultClientTimeout;  // the whole call, connecting included
};

struct ClientResponse {
  int status = 0;
  HeaderFields headers;  // of the final response, in order
  std::string body;

  // The first header named `name`, case-insensitive.
  std::optional<std::string> Header(std::string_view name) const;
};

// Why a Send failed, for retry decisions.
enum class ClientFailure {
  kNone,              // Send succeeded
  kInvalidRequest,    // kInvalidArgument: bad URL, method, header or timeout; nothing was sent
  kConnect,           // kUnavailable: name resolution or connection failed (or timed out) before
                      // the request was sent: always safe to retry
  kTimeout,           // kUnavailable, "timed out": the deadline passed after the request may have
                      // been sent; retry only idempotent requests (or with an idempotency key)
  kTransport,         // kUnavailable: TLS failure, reset or protocol error mid-exchange
  kResponseTooLarge,  // kUnavailable: the body exceeded max_response_bytes
};

struct ClientSettings {
  base::Duration connect_timeout = kDefaultConnectTimeout;  // capped by each request's timeout
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  std::string proxy;    // "" = no proxy
  std::string ca_file;  // "" = the system's CA bundle
  std::string user_agent = "frontdesk";
  std::size_t max_idle_handles = kDefaultMaxIdleHandles;
};

class Client {
 public:
  // `curl` is borrowed and must outlive the client.
  explicit Client(const CurlGlobal& curl, ClientSettings settings = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends `request` and waits for the whole response, at most request.timeout. On failure,
  // `failure` (when given) says why; on success it is set to kNone.
  base::Result<ClientResponse> Send(const ClientRequest& request,
                                    ClientFailure* failure = nullptr) const;

 private:
  struct HandlePool;
  const CurlGlobal& curl_;
  const ClientSettings settings_;
  std::unique_ptr<HandlePool> handles_;
};

}  // namespace http
