#include "store/sqlite/serving_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace store::sqlite {

base::Result<ServingLock> ServingLock::Take(const std::string& database_path) {
  const std::string path = database_path + "-serve.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return base::Error::Unavailable("cannot open '" + path + "': " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return base::Error::FailedPrecondition(
          "another frontdesk serve is already running on '" + database_path +
          "': a SQLite database is served by one instance; for several, use PostgreSQL "
          "([database] url = \"postgres://...\")");
    }
    return base::Error::Unavailable("cannot lock '" + path + "': " + std::strerror(error));
  }
  return ServingLock(fd);
}

ServingLock::~ServingLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace store::sqlite
