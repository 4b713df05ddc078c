#include "e2e/crm_server.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

namespace e2e {

bool CrmServer::AddWorkspace(const std::string& slug, const std::string& agent) {
  const auto file = dir_ / (slug + ".toml");
  // The CRM's tests hand a web chat off at the customer's first request: the contact details
  // asked before such a handoff have tests of their own (tests/scenarios/web-details.chat).
  std::ofstream(file) << "slug = \"" << slug
                      << "\"\n[settings]\ndebounce = \"0s\"\nask_contact_details = false\n"
                      << agent;
  const std::string init = std::string(FRONTDESK_BINARY) + " init --db '" + db_ + "' --config " +
                           file.string() + " > /dev/null";
  return std::system(init.c_str()) == 0;
}

httplib::Headers CrmServer::SignIn(const std::string& email, const std::string& password) {
  const nlohmann::json credentials{{"email", email}, {"password", password}};
  auto r = client_->Post("/api/v1/auth/login", credentials.dump(), "application/json");
  EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  if (!r || r->status != 200) return {};
  const std::string set = r->get_header_value("Set-Cookie");
  return {{"Cookie", set.substr(0, set.find(';'))},
          {"X-CSRF-Token", nlohmann::json::parse(r->body)["csrf_token"].get<std::string>()}};
}

bool CrmServer::AddMember(const std::string& slug, const std::string& email,
                          const std::string& role) {
  const std::string add = "echo '" + std::string(kOwnerPassword) + "' | " + FRONTDESK_BINARY +
                          " user add --db '" + db_ + "' --workspace " + slug + " --email " + email +
                          " --role " + role + " > /dev/null";
  return std::system(add.c_str()) == 0;
}

void CrmServer::WaitForReplies() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (std::chrono::steady_clock::now() < deadline) {
    auto metrics = client_->Get("/metrics");
    if (metrics && metrics->body.find("\nreplies_due 0\n") != std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds{2});  // polling, not waiting for time
  }
  ADD_FAILURE() << "replies were still owed after 10 seconds";
}

bool CrmServer::Start(const CrmServerOptions& options) {
  db_ = options.database.empty() ? database_.url() : options.database;
  if (!AddWorkspace("shop") || !AddMember("shop", kOwnerEmail, "owner")) return false;
  return Serve(options);
}

bool CrmServer::StartBeside(const CrmServer& first, const CrmServerOptions& options) {
  return StartOn(first.db_, options);
}

bool CrmServer::StartOn(const std::string& url, const CrmServerOptions& options) {
  db_ = url;
  return Serve(options);
}

bool CrmServer::Serve(const CrmServerOptions& options) {
  std::map<std::string, std::string> env = options.env;
  env["FRONTDESK_DATABASE_URL"] = db_;
  env["FRONTDESK_SERVER_PORT"] = "0";
  if (options.capture_log) log_ = (dir_ / "serve.log").string();
  server_ = std::make_unique<testing_support::ServeProcess>(FRONTDESK_BINARY, std::move(env), log_);
  if (!server_->Start()) return false;
  client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  return true;
}
std::string CrmServer::Log() const {
  if (log_.empty()) return "";
  std::ifstream in(log_);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace e2e
