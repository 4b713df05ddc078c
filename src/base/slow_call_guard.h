// Where nothing may wait on a slow outside call. A brain may take seconds (a language model over
// the network); a thread that holds a store transaction, answers an HTTP request or fires timers
// must never wait for one, or every webhook and CRM request behind it waits too.
//
// Those threads mark their scope with a NoSlowCalls; the one place that calls a brain
// (runtime::Engine::Reply) refuses to run inside such a scope, and tests check the same from the
// brain's side. Scopes nest; each is per thread.
#pragma once

#include <optional>
#include <string_view>

namespace base {

// The reason of this thread's innermost NoSlowCalls scope, or nullopt when slow calls are
// allowed here.
std::optional<std::string_view> SlowCallsForbidden();

class NoSlowCalls {
 public:
  // `why` names the scope ("a store transaction"); it must outlive the guard (a literal).
  explicit NoSlowCalls(std::string_view why);
  ~NoSlowCalls();
  NoSlowCalls(const NoSlowCalls&) = delete;
  NoSlowCalls& operator=(const NoSlowCalls&) = delete;

 private:
  friend std::optional<std::string_view> SlowCallsForbidden();
  std::string_view why_;
  const NoSlowCalls* outer_;
};

}  // namespace base
