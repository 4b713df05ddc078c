#include "store/database_url.h"

namespace store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kForms = "use sqlite:PATH or postgres://USER@HOST/NAME";

bool IsPostgres(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

// `url` without the password of its user information ("postgres://me:secret@h" -> "me:***@h").
std::string WithoutPassword(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t authority = scheme + 3;
  const std::size_t end = url.find_first_of("/?#", authority);
  const std::size_t at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  const std::size_t colon = url.substr(0, at).find(':', authority);
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace

std::string DatabaseUrl::Redacted() const {
  if (backend == Backend::kSqlite) return std::string(kSqlitePrefix) + target;
  return WithoutPassword(target);
}

base::Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  if (IsPostgres(url)) return DatabaseUrl{Backend::kPostgres, std::string(url)};
  std::string_view path = url;
  if (path.starts_with(kSqlitePrefix)) {
    path.remove_prefix(kSqlitePrefix.size());
  } else if (path.find("://") != std::string_view::npos) {
    return base::Error::InvalidArgument("unsupported database URL '" + WithoutPassword(url) +
                                        "': " + std::string(kForms));
  }
  if (path.empty()) {
    return base::Error::InvalidArgument("the database URL names no file: " + std::string(kForms));
  }
  return DatabaseUrl{Backend::kSqlite, std::string(path)};
}

}  // namespace store
