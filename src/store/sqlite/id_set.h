// A set of row ids handed to SQL as one BLOB parameter: `id_in(?N, c.id)` is 1 when the id is in
// it, in O(log n) and without a temporary table. For a search whose matches are collected once
// and then tested for each conversation a list walks past.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

struct sqlite3;

namespace store::sqlite {

// Registers id_in(ids BLOB, id INTEGER) on the connection: ids are native-endian int64 in
// ascending order (what Query::Bind(int, const IdSet&) binds). SQLite's result code.
int RegisterIdIn(sqlite3* handle);

// Ascending, distinct ids.
class IdSet {
 public:
  // Takes ids in any order, with repeats.
  explicit IdSet(std::vector<std::int64_t> ids);
  std::span<const std::int64_t> ids() const { return ids_; }
  std::size_t size() const { return ids_.size(); }

 private:
  std::vector<std::int64_t> ids_;
};

}  // namespace store::sqlite
