#include "testing/serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

extern char** environ;

namespace testing_support {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStartLimit = std::chrono::seconds{30};  // to print its address
constexpr auto kStopLimit = std::chrono::seconds{30};   // to exit after SIGTERM

// This process's environment with `overrides` set: built before fork, since a child of a
// threaded process may only call async-signal-safe functions before exec.
std::vector<std::string> Environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (!overrides.contains(entry.substr(0, entry.find('=')))) env.push_back(entry);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

}  // namespace

ServeProcess::~ServeProcess() { Terminate(); }

bool ServeProcess::Start() {
  const std::vector<std::string> env = Environment(env_);
  std::vector<char*> envp;
  for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  char* argv[] = {const_cast<char*>(binary_.c_str()), const_cast<char*>("serve"), nullptr};
  // Opened before fork, like the environment; -1 leaves stderr inherited.
  const int log = log_file_.empty()
                      ? -1
                      : ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (!log_file_.empty() && log < 0) return false;
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    if (log >= 0) ::close(log);
    return false;
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    // Dies with the test: a crashed test must not leave a server holding ctest's output open.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) std::_Exit(127);
    ::dup2(out[1], STDOUT_FILENO);
    if (log >= 0) ::dup2(log, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execve(binary_.c_str(), argv, envp.data());
    std::_Exit(127);
  }
  ::close(out[1]);
  if (log >= 0) ::close(log);
  stdout_ = out[0];  // kept open: the server may still write to it
  if (pid_ < 0) return false;
  // The first line: "frontdesk serving on http://127.0.0.1:PORT".
  std::string line;
  const auto until = Clock::now() + kStartLimit;
  for (char ch = 0; ch != '\n';) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    pollfd ready{stdout_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0 ||
        ::read(stdout_, &ch, 1) != 1) {
      Kill();
      return false;
    }
    if (ch != '\n') line += ch;
  }
  const auto colon = line.rfind(':');
  if (line.find("serving on") == std::string::npos || colon == std::string::npos) return false;
  port_ = std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

void ServeProcess::Wait() {
  if (pid_ > 0) {
    const auto until = Clock::now() + kStopLimit;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (Clock::now() > until) {
        ::kill(pid_, SIGKILL);  // it did not stop: the caller's checks will tell
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
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
