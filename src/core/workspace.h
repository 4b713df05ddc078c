// A workspace: one business. Everything else belongs to exactly one workspace.
#pragma once

#include <cstdint>
#include <string>

namespace core {

struct Workspace {
  std::int64_t id = 0;
  std::string slug;  // unique, [a-z0-9-], 1 to 63 characters
};

// True when `slug` is 1-63 characters of a-z, 0-9 and '-', not starting or ending with '-'.
bool IsValidSlug(const std::string& slug);

}  // namespace core
