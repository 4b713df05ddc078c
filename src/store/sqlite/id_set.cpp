#include "store/sqlite/id_set.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace store::sqlite {
namespace {

// The i-th id of the BLOB (copied out: SQLite does not promise its alignment).
std::int64_t IdAt(const unsigned char* ids, std::size_t i) {
  std::int64_t id;
  std::memcpy(&id, ids + i * sizeof id, sizeof id);
  return id;
}

void IdIn(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* ids = static_cast<const unsigned char*>(sqlite3_value_blob(args[0]));
  const auto count = static_cast<std::size_t>(sqlite3_value_bytes(args[0])) / sizeof(std::int64_t);
  const std::int64_t id = sqlite3_value_int64(args[1]);
  std::size_t low = 0;
  std::size_t high = count;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (IdAt(ids, mid) < id) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  sqlite3_result_int(context, low < count && IdAt(ids, low) == id);
}

}  // namespace

int RegisterIdIn(sqlite3* handle) {
  return sqlite3_create_function_v2(handle, "id_in", 2,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                    IdIn, nullptr, nullptr, nullptr);
}

IdSet::IdSet(std::vector<std::int64_t> ids) : ids_(std::move(ids)) {
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

}  // namespace store::sqlite
