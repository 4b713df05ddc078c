#include "app/user_command.h"

#include <iostream>
#include <optional>

#include "api/password.h"
#include "base/clock.h"
#include "store/database.h"

namespace app {
namespace {

std::string FirstLine(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int RunUserAdd(const UserAddOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err) {
  const auto fail = [&err](const std::string& message) {
    err << "frontdesk user add: " << message << '\n';
    return 1;
  };
  const std::optional<core::Role> role = core::ParseRole(options.role);
  if (!role) return fail("--role must be owner or collaborator");
  const std::string email = core::NormalizeEmail(options.email);
  if (!core::IsValidEmail(email)) return fail("'" + options.email + "' is not an email address");

  auto opened = store::OpenDatabase(options.db, {});
  if (!opened.ok()) return fail(opened.error().message);
  core::Store& store = (*opened)->store();
  core::Users& users = (*opened)->users();
  auto workspace = store.FindWorkspace(options.workspace);
  if (!workspace.ok()) {
    if (workspace.error().code != base::ErrorCode::kNotFound) {
      return fail(workspace.error().message);
    }
    return fail("no workspace '" + options.workspace + "' (create it with frontdesk init)");
  }
  auto existing = users.FindUserByEmail(email);
  if (!existing.ok() && existing.error().code != base::ErrorCode::kNotFound) {
    return fail(existing.error().message);
  }
  std::string hash;
  if (!existing.ok()) {
    auto hashed = api::HashPassword(FirstLine(in));
    if (!hashed.ok()) return fail(hashed.error().message + " (read from standard input)");
    hash = std::move(*hashed);
  }
  // The user and the membership together, or neither.
  const base::Status done = store.Atomically([&]() -> base::Status {
    std::int64_t user_id = existing.ok() ? existing->id : 0;
    if (!existing.ok()) {
      auto created = users.CreateUser(email, hash, base::SystemClock().Now());
      if (!created.ok()) return created.error();
      user_id = created->id;
    }
    return users.SetMembership(workspace->id, user_id, *role);
  });
  if (!done.ok()) return fail(done.error().message);
  out << (existing.ok() ? "added the existing user " : "created the user ") << email << " as "
      << core::ToString(*role) << " of '" << workspace->slug << "'"
      << (existing.ok() ? " (password unchanged)" : "") << '\n';
  return 0;
}

}  // namespace app
