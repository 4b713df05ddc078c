#include "app/llm_transport.h"

namespace app {

brain::llm::Transport LlmTransport(const http::Client& client) {
  return [&client](const brain::llm::HttpRequest& r, base::Duration timeout,
                   bool& timed_out) -> base::Result<brain::llm::HttpReply> {
    http::ClientRequest request;
    request.method = "POST";
    request.url = r.url;
    for (const auto& [name, value] : r.headers) request.headers.push_back({name, value});
    request.body = r.body;
    request.timeout = timeout;
    http::ClientFailure failure = http::ClientFailure::kNone;
    auto response = client.Send(request, &failure);
    if (!response.ok()) {
      timed_out = failure == http::ClientFailure::kTimeout;
      return response.error();
    }
    brain::llm::HttpReply reply;
    reply.status = response->status;
    for (const http::HeaderField& h : response->headers)
      reply.headers.emplace_back(h.name, h.value);
    reply.body = std::move(response->body);
    return reply;
  };
}

}  // namespace app
