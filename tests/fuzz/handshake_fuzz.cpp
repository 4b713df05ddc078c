// Fuzz target: the GET verification handshake on raw query strings. Whatever the query, the
// answer is nullopt or a challenge of printable ASCII within kMaxChallengeLength.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "channels/handshake.h"
#include "channels/query_string.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  (void)channels::ParseQuery(query);
  const auto challenge = channels::VerifyHandshake(query, "my-verify-token");
  if (!challenge) return 0;
  if (challenge->empty() || challenge->size() > channels::kMaxChallengeLength) std::abort();
  for (const char c : *challenge) {
    if (c < ' ' || c > '~') std::abort();
  }
  return 0;
}
