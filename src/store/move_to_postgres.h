// Moving an installation from the embedded database to PostgreSQL (`frontdesk migrate --from
// sqlite:PATH --db postgres://...`): every row, the deliveries acknowledged but not yet handled,
// and the media files kept beside the SQLite file, copied in one PostgreSQL transaction.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace store {

// What a move copied.
struct MovedData {
  std::map<std::string, std::int64_t> rows;  // by PostgreSQL table
  std::int64_t files = 0;                    // media files
};

// Copies the SQLite database at `from` (migrated to this version first) into the PostgreSQL
// database at `to` (migrated first, and empty), with the media files found in `media_directory`
// ("" for "media" beside the SQLite file). All or nothing: on any error PostgreSQL is left as it
// was, and the SQLite file is never changed but for its migrations. People stay signed in, ids
// stay the same, and new rows take ids after the copied ones.
// Errors: kInvalidArgument unless `from` is a sqlite: URL of an existing file and `to` a
// postgres:// one; kFailedPrecondition while `frontdesk serve` runs on `from` (stop it first),
// when `to` already holds a workspace or a user, or when the schemas differ (a column of one
// is not in the other); kNotFound naming a media file that is missing; kUnavailable as
// OpenDatabase.
base::Result<MovedData> MoveToPostgres(std::string_view from, std::string_view to,
                                       const std::string& media_directory);

}  // namespace store
