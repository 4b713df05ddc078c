// Fuzz target: ClassifyResponse on arbitrary response bodies, for every channel, with an HTTP
// status picked by the input's length. A kSent outcome never carries an error reason; error texts
// stay within their cap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "channels/send_outcome.h"

namespace {

constexpr int kStatuses[] = {200, 201, 400, 401, 403, 404, 408, 429, 500, 503};
constexpr core::Channel kChannels[] = {core::Channel::kWhatsapp, core::Channel::kMessenger,
                                       core::Channel::kInstagram, core::Channel::kWeb};
constexpr std::size_t kMaxErrorText = 500;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const int status = kStatuses[size % std::size(kStatuses)];
  for (const core::Channel channel : kChannels) {
    const auto outcome = channels::ClassifyResponse(channel, status, body);
    if (outcome.error_text.size() > kMaxErrorText) std::abort();
    if (outcome.result == channels::SendResult::kSent &&
        outcome.reason != channels::FailureReason::kNone) {
      std::abort();
    }
  }
  return 0;
}
