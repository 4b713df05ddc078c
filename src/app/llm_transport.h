// The llm brain's HTTP, over the instance's http::Client: POST with the request's deadline;
// a timeout told apart from a connection that failed.
#pragma once

#include "brain/llm/llm_brain.h"
#include "http/client.h"

namespace app {

// `client` is borrowed and must outlive the transport.
brain::llm::Transport LlmTransport(const http::Client& client);

}  // namespace app
