#include "core/user.h"

#include <algorithm>

#include "base/strings.h"

namespace core {
namespace {

constexpr std::size_t kMaxEmailBytes = 254;

bool IsSpaceOrControl(char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; }

}  // namespace

std::string NormalizeEmail(std::string_view email) {
  while (!email.empty() && IsSpaceOrControl(email.front())) email.remove_prefix(1);
  while (!email.empty() && IsSpaceOrControl(email.back())) email.remove_suffix(1);
  return base::AsciiLower(email);
}

bool IsValidEmail(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmailBytes) return false;
  if (std::any_of(email.begin(), email.end(), IsSpaceOrControl)) return false;
  const auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;
  // No empty label: not ".example", "shop..example" or "shop.".
  return domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace core
