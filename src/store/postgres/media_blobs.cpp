#include "store/postgres/media_blobs.h"

#include "base/sha256.h"

namespace store::postgres {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO media_files (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr std::string_view kSelect = "SELECT bytes FROM media_files WHERE sha256 = $1";

}  // namespace

base::Result<std::string> MediaBlobs::Keep(const std::string& bytes) {
  std::string sha256 = base::Sha256Hex(bytes);
  base::Status kept = pool_.Writing([&](Connection& db) -> base::Status {
    base::Result<Query> q = db.Prepare(kInsert);
    if (!q.ok()) return q.error();
    return q->Bind(1, sha256).BindBytes(2, bytes).Run();
  });
  if (!kept.ok()) return kept.error();
  return sha256;
}

base::Result<std::string> MediaBlobs::Read(const std::string& sha256) {
  return pool_.Reading([&](Connection& db) -> base::Result<std::string> {
    base::Result<Query> q = db.Prepare(kSelect);
    if (!q.ok()) return q.error();
    base::Result<bool> row = q->BindAll(sha256).Step();
    if (!row.ok()) return row.error();
    if (!*row) return base::Error::Unavailable("cannot read a media file: it is not stored");
    return q->Bytes(0);
  });
}

}  // namespace store::postgres
