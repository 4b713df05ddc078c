// `frontdesk user add`: gives a person access to a workspace's CRM. The password of a new user is
// the first line of standard input (never an argument, which other users of the machine can see);
// an existing user keeps theirs and gains the membership.
#pragma once

#include <iosfwd>
#include <string>

namespace app {

struct UserAddOptions {
  std::string db;
  std::string workspace;  // slug
  std::string email;
  std::string role;  // owner | collaborator
};

// 0 on success; 1 with a message on `err` naming what is wrong, having changed nothing.
int RunUserAdd(const UserAddOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err);

}  // namespace app
