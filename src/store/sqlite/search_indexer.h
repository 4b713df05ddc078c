// The search index of message text (migration 8's message_search), filled in batches after the
// messages' commit: one FTS5 write per batch costs a fraction of one per commit. Expects its
// caller to serialize access to `db`.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/result.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

// How many committed messages may wait for the index before a Commit indexes them.
inline constexpr std::size_t kSearchIndexBatch = 256;
// The most one batch indexes (a backlog, e.g. after a batch rolled back with its transaction,
// goes in several).
inline constexpr std::size_t kSearchIndexMaxBatch = 16 * kSearchIndexBatch;

// Indexes up to `limit` of the messages committed after the last one indexed, oldest first, in
// one write transaction (a savepoint inside another). Returns whether it indexed any. Correct
// because message ids grow with every commit (writers are serialized and messages never
// deleted).
base::Result<bool> IndexMessages(Connection& db, std::size_t limit);

// Indexes every message committed so far: a search then finds them all.
base::Status CatchUpSearchIndex(Connection& db);

// When to index: counts the messages committed since the last batch and indexes them once they
// make one. Not thread-safe: its owner (DatabaseFile) guards it with the writer's lock.
class SearchBatching {
 public:
  // `appended` messages were committed on `db`: indexes the waiting ones once they reach
  // kSearchIndexBatch. A batch that fails stays for the next one (or the next search): the
  // commit stands.
  void Committed(Connection& db, std::size_t appended);
  // Before a search: indexes every message committed so far.
  base::Status CatchUp(Connection& db);

 private:
  std::size_t unindexed_ = 0;
};

}  // namespace store::sqlite
