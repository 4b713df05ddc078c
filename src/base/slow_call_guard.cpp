#include "base/slow_call_guard.h"

namespace base {
namespace {

thread_local const NoSlowCalls* t_innermost = nullptr;

}  // namespace

NoSlowCalls::NoSlowCalls(std::string_view why) : why_(why), outer_(t_innermost) {
  t_innermost = this;
}

NoSlowCalls::~NoSlowCalls() { t_innermost = outer_; }

std::optional<std::string_view> SlowCallsForbidden() {
  if (t_innermost == nullptr) return std::nullopt;
  return t_innermost->why_;
}

}  // namespace base
