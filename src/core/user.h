// The people who work in the CRM. A user signs in with an email and a password and is a member of
// workspaces, each with a Role (one owner per workspace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/enums.h"

namespace core {

struct User {
  std::int64_t id = 0;
  std::string email;          // normalized (NormalizeEmail); unique across the installation
  std::string password_hash;  // self-describing Argon2id string; never leaves the server
  base::TimePoint created_at;
};

struct Member {
  std::int64_t user_id = 0;
  std::string email;
  Role role = Role::kCollaborator;
};

// A signed-in browser. Only a hash of its token is stored: a copy of the database signs no one in.
struct Session {
  std::string token_hash;  // SHA-256 of the cookie's token, hex
  std::int64_t user_id = 0;
  std::string csrf_token;  // sent back in X-CSRF-Token by state-changing requests
  base::TimePoint created_at;
  base::TimePoint expires_at;
};

// The failed sign-ins of one key (an email, a client address) in the window that began with the
// first of them.
struct SignInFailures {
  int count = 0;  // 0: none in a window still open
  base::TimePoint first;
};

// A personal API token for scripts (Authorization: Bearer ...). Only its hash is stored.
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;        // what the user called it ("nightly export")
  std::string token_hash;  // SHA-256 of the token, hex
  base::TimePoint created_at;
};

// A workspace a user belongs to, with the role there.
struct Membership {
  std::int64_t workspace_id = 0;
  std::string slug;
  Role role = Role::kCollaborator;
};

// Trimmed and in ASCII lower case: "  Ana@Shop.Example " -> "ana@shop.example".
std::string NormalizeEmail(std::string_view email);

// True for a normalized address of the usual shape: one '@', a non-empty local part, a domain
// with a dot in it and no empty label, no spaces or control characters, at most 254 bytes.
bool IsValidEmail(std::string_view email);

// The Users port: accounts and memberships. Thread-safety and errors as in core::Store.
class Users {
 public:
  virtual ~Users() = default;
  // kInvalidArgument when the email is not valid (it is normalized first); kAlreadyExists when
  // it is taken.
  virtual base::Result<User> CreateUser(std::string_view email, const std::string& password_hash,
                                        base::TimePoint at) = 0;
  // By normalized email. kNotFound.
  virtual base::Result<User> FindUserByEmail(std::string_view email) = 0;
  // Makes the user a member of the workspace with `role`, or changes its role. kNotFound for an
  // unknown user or workspace; kFailedPrecondition when the workspace already has another owner.
  virtual base::Status SetMembership(std::int64_t workspace_id, std::int64_t user_id,
                                     Role role) = 0;
  // Removes a collaborator from the workspace. kNotFound when the user is not a member;
  // kFailedPrecondition for the owner (a workspace always has its owner).
  virtual base::Status RemoveMembership(std::int64_t workspace_id, std::int64_t user_id) = 0;
  // The user's role in the workspace. kNotFound when it is not a member.
  virtual base::Result<Role> RoleIn(std::int64_t workspace_id, std::int64_t user_id) = 0;
  // The workspace's members, the owner first, then by email.
  virtual base::Result<std::vector<Member>> ListMembers(std::int64_t workspace_id) = 0;
  // By id. kNotFound.
  virtual base::Result<User> FindUser(std::int64_t user_id) = 0;
  // The workspaces the user belongs to, by slug.
  virtual base::Result<std::vector<Membership>> ListMemberships(std::int64_t user_id) = 0;
  // Stores `password_hash` as the user's password and, in the same transaction, signs out every
  // session of the user but the one whose token hash is `kept_session` (every one when nullopt).
  // API tokens stay. kNotFound for an unknown user (nothing changes).
  virtual base::Status SetPassword(std::int64_t user_id, const std::string& password_hash,
                                   const std::optional<std::string>& kept_session) = 0;

  // --- Sign-in ---
  // kNotFound for an unknown user.
  virtual base::Status CreateSession(const Session& session) = 0;
  // The session with this token hash, unless it expired at `now`. kNotFound otherwise.
  virtual base::Result<Session> FindSession(const std::string& token_hash, base::TimePoint now) = 0;
  // Signs the session out; nothing happens for an unknown one.
  virtual base::Status DeleteSession(const std::string& token_hash) = 0;
  // Deletes every session that expired at `now` (those FindSession no longer finds at `now`:
  // expires_at <= now). Returns how many.
  virtual base::Result<std::size_t> DeleteExpiredSessions(base::TimePoint now) = 0;
  // Returns the token with its id. kNotFound for an unknown user.
  virtual base::Result<ApiToken> CreateApiToken(const ApiToken& token) = 0;
  // kNotFound.
  virtual base::Result<ApiToken> FindApiToken(const std::string& token_hash) = 0;
  // The user's tokens, oldest first (hashes included: they reveal nothing).
  virtual base::Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id) = 0;
  // kNotFound when the user has no token with this id.
  virtual base::Status DeleteApiToken(std::int64_t user_id, std::int64_t token_id) = 0;

  // Failed sign-ins, counted where every instance sees them (api::LoginLimiter's state). A window
  // lasts `window` from its first failure; a failure after it ends starts a new one.
  // The failures of `key` in the window open at `now`.
  virtual base::Result<SignInFailures> FailedSignIns(const std::string& key, base::TimePoint now,
                                                     base::Duration window) = 0;
  // One more failure of `key` at `now`, in one step however many instances record at once;
  // windows of every key that ended are forgotten.
  virtual base::Status RecordFailedSignIn(const std::string& key, base::TimePoint now,
                                          base::Duration window) = 0;
  // Forgets the failures of `key` (it signed in).
  virtual base::Status ClearFailedSignIns(const std::string& key) = 0;
};

}  // namespace core
