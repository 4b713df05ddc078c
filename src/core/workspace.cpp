#include "core/workspace.h"

namespace core {

bool IsValidSlug(const std::string& slug) {
  constexpr std::size_t kMaxSlug = 63;
  if (slug.empty() || slug.size() > kMaxSlug || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace core
