#include "testing/serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace testing_support {

ServeProcess::~ServeProcess() { Terminate(); }

bool ServeProcess::Start() {
  int out[2];
  if (::pipe(out) != 0) return false;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
    ::execl(binary_.c_str(), binary_.c_str(), "serve", static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(out[1]);
  // The first line: "frontdesk serving on http://127.0.0.1:PORT".
  std::string line;
  char ch;
  while (::read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
  stdout_ = out[0];  // kept open: the server may still write to it
  const auto colon = line.rfind(':');
  if (line.find("serving on") == std::string::npos || colon == std::string::npos) return false;
  port_ = std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

void ServeProcess::Wait() {
  if (pid_ > 0) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (stdout_ >= 0) ::close(stdout_);
  stdout_ = -1;
}

void ServeProcess::Terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
  Wait();
}

void ServeProcess::Kill() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
  Wait();
}

int ServeProcess::Post(const std::string& path, const std::string& body,
                       const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Post(path.c_str(), headers, body, "application/json");
  return res ? res->status : 0;
}

}  // namespace testing_support
