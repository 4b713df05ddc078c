// Test support: `frontdesk serve` on a fresh database (testing/test_database.h) with the workspace
// "shop" and its owner, made through the command line as a user would (`frontdesk init`, `frontdesk
// user add`). Its workspaces answer at once (debounce 0): a customer message's reply, handoff and
// notification are stored once the reply pool answered it (WaitForReplies).
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "testing/serve_process.h"
#include "testing/temp_dir.h"
#include "testing/test_database.h"

namespace e2e {

// How a CrmServer runs `frontdesk serve`.
struct CrmServerOptions {
  std::map<std::string, std::string> env;  // more FRONTDESK_* variables
  bool capture_log = false;  // its log (stderr) to a file CrmServer::Log reads, not the test's
  std::string database;      // a URL to start on instead of a fresh test database
};

class CrmServer {
 public:
  static constexpr const char* kOwnerEmail = "owner@shop.example";
  static constexpr const char* kOwnerPassword = "a long enough secret";
  // The [agent] table of "shop": handoff_to_human, greeting "Hi!".
  static constexpr const char* kHandoffAgent =
      "[agent]\ngreeting = \"Hi!\"\nworkflow = \"handoff_to_human\"\n";

  // False when a step failed (its output is on stderr).
  bool Start(const CrmServerOptions& options = {});
  // Another instance serving `first`'s database (which stays `first`'s), with its own port. False
  // when it did not start (a SQLite file takes one instance: the log says why).
  bool StartBeside(const CrmServer& first, const CrmServerOptions& options = {});
  // Serves the database at `url` as it is (no workspace or member added).
  bool StartOn(const std::string& url, const CrmServerOptions& options = {});
  // Stops the server (SIGTERM, then waits).
  void Stop() { server_->Terminate(); }
  // The server's log so far; "" unless it was started with capture_log.
  std::string Log() const;
  // Another workspace with the [agent] table (and any later tables) `agent`, and no member, made
  // while the server runs.
  bool AddWorkspace(const std::string& slug, const std::string& agent = kHandoffAgent);
  // Makes `email` a member of the workspace with `role` ("owner" or "collaborator"); a new user
  // gets kOwnerPassword.
  bool AddMember(const std::string& slug, const std::string& email, const std::string& role);
  // The headers of a browser signed in as `email`: its session cookie and CSRF token (empty when
  // the sign-in failed, which is reported as a test failure).
  httplib::Headers SignIn(const std::string& email, const std::string& password);
  // Waits until no reply is owed (the /metrics gauge replies_due is 0): every customer message
  // taken in so far is answered. Reports a test failure after 10 seconds.
  void WaitForReplies();
  httplib::Client& client() { return *client_; }
  const std::string& database() const { return db_; }
  int port() const { return server_->port(); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

 private:
  // Starts `frontdesk serve` on db_.
  bool Serve(const CrmServerOptions& options);

  testing_support::TempDir dir_;
  testing_support::TestDatabase database_{dir_.path()};
  std::string db_;   // its URL
  std::string log_;  // the log file, or ""
  std::unique_ptr<testing_support::ServeProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace e2e
