#include "http/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <functional>

#include "http/response.h"

namespace http {
namespace {

struct Transfer {
  std::size_t max_bytes = 0;
  bool too_large = false;
  ClientResponse response;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->response.body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // anything but n aborts the transfer
  }
  t->response.body.append(data, n);
  return n;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (after 100 Continue): keep the final one only
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    t->response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return n;
}

// "POST https://graph.example.com:8443": what an error message may say about the request.
std::string Describe(const ClientRequest& request) {
  std::string out = IsValidHeaderName(request.method) ? request.method : "request";
  CURLU* url = curl_url();
  if (url == nullptr || curl_url_set(url, CURLUPART_URL, request.url.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(url);
    return out + " to an invalid URL";
  }
  const auto part = [url](CURLUPart which) {
    char* text = nullptr;
    std::string value;
    if (curl_url_get(url, which, &text, 0) == CURLUE_OK && text != nullptr) value = text;
    curl_free(text);
    return value;
  };
  out += ' ' + part(CURLUPART_SCHEME) + "://" + part(CURLUPART_HOST);
  if (const std::string port = part(CURLUPART_PORT); !port.empty()) out += ':' + port;
  curl_url_cleanup(url);
  return out;
}

bool IsHttpUrl(const std::string& url) {
  CURLU* parsed = curl_url();
  char* scheme = nullptr;
  const bool ok = parsed != nullptr &&
                  curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
                  curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
                  (std::string_view(scheme) == "http" || std::string_view(scheme) == "https");
  curl_free(scheme);
  curl_url_cleanup(parsed);
  return ok;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

bool Append(Slist& list, const std::string& line) {
  curl_slist* appended = curl_slist_append(list.get(), line.c_str());
  if (appended == nullptr) return false;
  (void)list.release();  // now owned by `appended`
  list.reset(appended);
  return true;
}

}  // namespace

CurlGlobal::CurlGlobal() : ok_(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {}

CurlGlobal::~CurlGlobal() {
  if (ok_) curl_global_cleanup();
}

base::Status CurlGlobal::status() const {
  if (ok_) return base::Status::Ok();
  return base::Error::Unavailable("libcurl could not be initialised");
}

std::optional<std::string> ClientResponse::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

struct Client::HandlePool {
  explicit HandlePool(std::size_t max) : max_idle(max) {}
  ~HandlePool() {
    for (CURL* h : idle) curl_easy_cleanup(h);
  }
  CURL* Take() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }
  void Give(CURL* h) {
    curl_easy_reset(h);  // keeps its connections, TLS sessions and DNS cache
    {
      std::lock_guard lock(mutex);
      if (idle.size() < max_idle) {
        idle.push_back(h);
        return;
      }
    }
    curl_easy_cleanup(h);
  }

  const std::size_t max_idle;
  std::mutex mutex;
  std::vector<CURL*> idle;
};

Client::Client(const CurlGlobal& curl, ClientSettings settings)
    : curl_(curl),
      settings_(std::move(settings)),
      handles_(std::make_unique<HandlePool>(settings_.max_idle_handles)) {}

Client::~Client() = default;

base::Result<ClientResponse> Client::Send(const ClientRequest& request,
                                          ClientFailure* failure) const {
  ClientFailure ignored;
  ClientFailure& why = failure != nullptr ? *failure : ignored;
  why = ClientFailure::kNone;
  const std::string what = Describe(request);
  const auto fail = [&](ClientFailure kind, std::string message) -> base::Error {
    why = kind;
    if (kind == ClientFailure::kInvalidRequest) return base::Error::InvalidArgument(message);
    return base::Error::Unavailable(std::move(message));
  };
  if (base::Status ready = curl_.status(); !ready.ok()) {
    return fail(ClientFailure::kTransport, ready.error().message);
  }
  if (!IsValidHeaderName(request.method))
    return fail(ClientFailure::kInvalidRequest, what + ": invalid method");
  if (!IsHttpUrl(request.url)) {
    return fail(ClientFailure::kInvalidRequest, what + ": only http and https URLs are allowed");
  }
  if (request.timeout <= base::Duration::zero()) {
    return fail(ClientFailure::kInvalidRequest, what + ": a timeout is required");
  }
  Slist headers;
  for (const HeaderField& h : request.headers) {
    if (!IsValidHeaderName(h.name) || !IsValidHeaderValue(h.value)) {
      return fail(ClientFailure::kInvalidRequest, what + ": invalid header field");
    }
    // "Name;" is curl's way to send a field with an empty value.
    if (!Append(headers, h.value.empty() ? h.name + ";" : h.name + ": " + h.value)) {
      return fail(ClientFailure::kTransport, what + ": out of memory");
    }
  }
  // No "Expect: 100-continue" round trip before large bodies.
  if (!Append(headers, "Expect:")) return fail(ClientFailure::kTransport, what + ": out of memory");

  CURL* h = handles_->Take();
  if (h == nullptr) return fail(ClientFailure::kTransport, what + ": cannot create a curl handle");
  const std::unique_ptr<CURL, std::function<void(CURL*)>> handle(
      h, [this](CURL* used) { handles_->Give(used); });
  Transfer transfer;
  transfer.max_bytes = settings_.max_response_bytes;
  const long timeout_ms = static_cast<long>(request.timeout.count());
  const long connect_ms =
      static_cast<long>(std::min(settings_.connect_timeout, request.timeout).count());
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: required with threads
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROXY, settings_.proxy.c_str());  // "" also ignores the environment
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_USERAGENT, settings_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(settings_.max_response_bytes));
  if (!settings_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, settings_.ca_file.c_str());
  const bool has_body = !request.body.empty() || request.method == "POST";
  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET" && !has_body) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (request.method != "POST") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (has_body) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  }

  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    transfer.response.status = static_cast<int>(status);
    return std::move(transfer.response);
  }
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return fail(
        ClientFailure::kResponseTooLarge,
        what + ": response larger than " + std::to_string(settings_.max_response_bytes) + " bytes");
  }
  long request_bytes = 0;  // 0: the request never left
  curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      if (request_bytes == 0) {
        return fail(ClientFailure::kConnect,
                    what + ": connect timed out after " + std::to_string(connect_ms) + " ms");
      }
      return fail(ClientFailure::kTimeout,
                  what + ": timed out after " + std::to_string(timeout_ms) + " ms");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return fail(ClientFailure::kConnect, what + ": " + curl_easy_strerror(code));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return fail(ClientFailure::kInvalidRequest, what + ": " + curl_easy_strerror(code));
    default:
      return fail(ClientFailure::kTransport, what + ": " + curl_easy_strerror(code));
  }
}

}  // namespace http
