#include "e2e/crm_server.h"

#include <cstdlib>
#include <fstream>

namespace e2e {

bool CrmServer::Start() {
  std::ofstream(dir_ / "shop.toml") << "slug = \"shop\"\n[agent]\ngreeting = \"Hi!\"\n"
                                       "workflow = \"handoff_to_human\"\n";
  const std::string db = (dir_ / "fd.db").string();
  const std::string bin = FRONTDESK_BINARY;
  const std::string init =
      bin + " init --db " + db + " --config " + (dir_ / "shop.toml").string() + " > /dev/null";
  const std::string add = "echo '" + std::string(kOwnerPassword) + "' | " + bin +
                          " user add --db " + db + " --workspace shop --email " + kOwnerEmail +
                          " --role owner > /dev/null";
  if (std::system(init.c_str()) != 0 || std::system(add.c_str()) != 0) return false;
  server_ = std::make_unique<testing_support::ServeProcess>(
      FRONTDESK_BINARY, std::map<std::string, std::string>{{"FRONTDESK_DATABASE_PATH", db},
                                                           {"FRONTDESK_SERVER_PORT", "0"}});
  if (!server_->Start()) return false;
  client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  return true;
}

}  // namespace e2e
