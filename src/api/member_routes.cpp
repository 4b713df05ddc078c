#include "api/member_routes.h"

#include "api/access.h"
#include "api/json_api.h"
#include "api/password.h"

namespace api {
namespace {

using nlohmann::json;

http::Response List(Auth& auth, core::Store& store, core::Users& users, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kMember);
  if (!access.ok()) return ErrorResponse(access.error());
  auto members = users.ListMembers(access->workspace.id);
  if (!members.ok()) return ErrorResponse(members.error());
  json list = json::array();
  for (const core::Member& m : *members) {
    list.push_back({{"user_id", m.user_id}, {"email", m.email}, {"role", core::ToString(m.role)}});
  }
  return JsonResponse(200, {{"members", list}});
}

// A new user needs a password; an existing one joins with their own.
http::Response Add(Auth& auth, core::Store& store, core::Users& users, const base::Clock& clock,
                   const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  auto body = JsonObject(r);
  if (!body.ok()) return ErrorResponse(body.error());
  // Each problem on the field it concerns, so that a form can show it there.
  std::vector<core::FieldError> problems;
  const auto email = StringField(*body, "email");
  if (!email) {
    problems.push_back({"email", "is required (a string)"});
  } else if (!core::IsValidEmail(core::NormalizeEmail(*email))) {
    problems.push_back({"email", "is not an email address"});
  }
  base::Result<core::User> existing = base::Error::NotFound("no user has this email");
  if (problems.empty()) {
    existing = users.FindUserByEmail(*email);
    if (!existing.ok() && existing.error().code != base::ErrorCode::kNotFound) {
      return ErrorResponse(existing.error());
    }
    if (existing.ok() && existing->id == access->caller.user.id) {
      return ErrorResponse(base::Error::FailedPrecondition("the owner is already a member"));
    }
  }
  const auto password = StringField(*body, "password");
  if (!existing.ok()) {
    if (!password) {
      problems.push_back({"password", "is required for a new user (a string)"});
    } else if (base::Status fit = CheckNewPassword(*password); !fit.ok()) {
      problems.push_back({"password", fit.error().message});
    }
  }
  if (!problems.empty()) return FieldErrorResponse("the collaborator cannot be added", problems);
  std::string hash;
  if (!existing.ok()) {
    auto hashed = HashPassword(*password);
    if (!hashed.ok()) return ErrorResponse(hashed.error());
    hash = std::move(*hashed);
  }
  core::Member added{existing.ok() ? existing->id : 0, "", core::Role::kCollaborator};
  const base::Status done = store.Atomically([&]() -> base::Status {
    if (!existing.ok()) {
      auto created = users.CreateUser(*email, hash, clock.Now());
      if (!created.ok()) return created.error();
      added.user_id = created->id;
      added.email = created->email;
    } else {
      added.email = existing->email;
    }
    return users.SetMembership(access->workspace.id, added.user_id, core::Role::kCollaborator);
  });
  if (!done.ok()) return ErrorResponse(done.error());
  return JsonResponse(
      201,
      {{"user_id", added.user_id}, {"email", added.email}, {"role", core::ToString(added.role)}});
}

http::Response Remove(Auth& auth, core::Store& store, core::Users& users, LiveFeed& feed,
                      const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const auto user_id = IdParam(r, "user_id");
  if (!user_id) return ErrorResponse(base::Error::NotFound("not a member of this workspace"));
  if (base::Status done = users.RemoveMembership(access->workspace.id, *user_id); !done.ok()) {
    return ErrorResponse(done.error());
  }
  feed.EndMember(access->workspace.id, *user_id);
  return http::Response::NoContent();
}

}  // namespace

void AddMemberRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                     const base::Clock& clock, LiveFeed& feed) {
  constexpr std::string_view kMembers = "/api/v1/workspaces/{workspace}/members";
  router.Get(kMembers, [&](const http::Request& r) { return List(auth, store, users, r); });
  router.Post(kMembers, [&](const http::Request& r) { return Add(auth, store, users, clock, r); });
  router.Delete(std::string(kMembers) + "/{user_id}",
                [&](const http::Request& r) { return Remove(auth, store, users, feed, r); });
}

}  // namespace api
