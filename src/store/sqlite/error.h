// Turns SQLite result codes into the store's caller-facing errors.
#pragma once

#include "base/result.h"

namespace store::sqlite {

// The error for SQLite result code `rc` (primary or extended):
//   kUnavailable   the database is busy, locked, full, read-only or failing I/O (retrying may
//   help); kAlreadyExists a UNIQUE or PRIMARY KEY constraint was violated; kInternal      anything
//   else: corruption, a failed foreign key or CHECK, misuse (a bug).
// The message is SQLite's generic text for the code ("database is locked"), never SQL.
base::Error ErrorFromCode(int rc);

}  // namespace store::sqlite
