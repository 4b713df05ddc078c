// Fuzz target: an OpenAI-compatible server's answer, whatever it is, through ReadCompletion and
// ClassifyError with an HTTP status picked by the input's length. Tool calls always have an id
// and object-or-string arguments; the provider's text stays within its cap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "brain/llm/completion.h"
#include "brain/llm/failure.h"

namespace {

constexpr int kStatuses[] = {400, 401, 402, 403, 404, 408, 409, 429, 500, 502, 503, 504};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto c = brain::llm::ReadCompletion(body); c.ok()) {
    for (const auto& call : c->tool_calls) {
      if (call.id.empty()) std::abort();
      if (!call.arguments.is_object() && !call.arguments.is_string()) std::abort();
    }
  }
  const int status = kStatuses[size % std::size(kStatuses)];
  const brain::llm::Failure f = brain::llm::ClassifyError(
      status, {{"retry-after", std::string(body.substr(0, 16))}}, body, base::FromMillis(0));
  if (f.detail.size() > brain::llm::kMaxDetail) std::abort();
  return 0;
}
