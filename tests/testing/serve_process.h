// Test and benchmark support: `frontdesk serve` as a real child process, configured by
// FRONTDESK_* environment variables.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <map>
#include <string>

namespace testing_support {

class ServeProcess {
 public:
  // `binary`: the frontdesk executable; `env`: set in the child on top of this process's own;
  // `log_file`: when not empty, the child's stderr (the server's log) is appended to this file,
  // created when missing, instead of going to this process's stderr.
  ServeProcess(std::string binary, std::map<std::string, std::string> env,
               std::string log_file = "")
      : binary_(std::move(binary)), env_(std::move(env)), log_file_(std::move(log_file)) {}
  ~ServeProcess();  // Terminate()
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts `frontdesk serve` and waits for its "serving on" line; false when it did not print
  // its address or the log file could not be opened.
  bool Start();
  void Terminate();  // SIGTERM, then wait
  void Kill();       // SIGKILL, then wait
  int port() const { return port_; }
  pid_t pid() const { return pid_; }  // -1 when not running
  // POSTs `body` to `path` with the headers; returns the status (0 when unreachable).
  int Post(const std::string& path, const std::string& body, const httplib::Headers& headers = {});

 private:
  void Wait();
  std::string binary_;
  std::map<std::string, std::string> env_;
  std::string log_file_;
  pid_t pid_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

}  // namespace testing_support
