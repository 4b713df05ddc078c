#include "api/auth.h"

#include <sodium.h>

#include "api/password.h"
#include "base/sha256.h"
#include "base/sodium.h"

namespace api {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::string_view kApiTokenPrefix = "fdt_";  // recognisable by secret scanners
constexpr std::size_t kMaxTokenName = 100;
constexpr const char* kWrongCredentials = "wrong email or password";

// 32 random bytes, base64url without padding (43 characters).
std::string RandomToken() {
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  const std::size_t size =
      sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string text(size, '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

// A hash of some password, verified against when the email is unknown, so that an unknown email
// takes as long as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("decoy password, never anyone's").value();
  return hash;
}

// Equal, in a time that depends only on the lengths.
bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RetryText(base::TimePoint now, base::TimePoint until) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(until - now).count();
  return "too many wrong passwords: try again in " + std::to_string(seconds) + " s";
}

}  // namespace

std::string HashToken(std::string_view token) { return base::Sha256Hex(token); }

Auth::Auth(core::Users& users, const base::Clock& clock, AuthSettings settings)
    : users_(users),
      clock_(clock),
      settings_(settings),
      limiter_(users, settings.max_failed_sign_ins, settings.failed_sign_in_window) {
  if (!base::SodiumReady()) std::abort();  // no randomness: signing anyone in would be unsafe
}

Auth::CheckKeys Auth::KeysOf(std::string_view email, const std::string& client) {
  return {"email:" + core::NormalizeEmail(email), "client:" + client};
}

base::Status Auth::Admit(const CheckKeys& keys, base::TimePoint now) {
  for (const std::string& key : keys) {
    auto until = limiter_.RefusedUntil(key, now);
    if (!until.ok()) return until.error();
    if (*until) return base::Error::ResourceExhausted(RetryText(now, **until));
  }
  return base::Status::Ok();
}

base::Status Auth::Record(const CheckKeys& keys, bool matched, base::TimePoint now) {
  for (const std::string& key : keys) {
    base::Status done = matched ? limiter_.Succeeded(key) : limiter_.Failed(key, now);
    if (!done.ok()) return done;
  }
  return base::Status::Ok();
}

base::Result<SignedIn> Auth::SignIn(std::string_view email, std::string_view password,
                                    const std::string& client) {
  const base::TimePoint now = clock_.Now();
  const CheckKeys keys = KeysOf(email, client);
  if (base::Status admitted = Admit(keys, now); !admitted.ok()) return admitted.error();
  auto user = users_.FindUserByEmail(email);
  if (!user.ok() && user.error().code != base::ErrorCode::kNotFound) return user.error();
  const bool matches = VerifyPassword(user.ok() ? user->password_hash : DecoyHash(), password);
  if (base::Status recorded = Record(keys, user.ok() && matches, now); !recorded.ok()) {
    return recorded.error();
  }
  if (!user.ok() || !matches) return base::Error::Unauthenticated(kWrongCredentials);
  SignedIn signed_in{*user, RandomToken(), RandomToken(), now + settings_.session_lifetime};
  const core::Session session{HashToken(signed_in.session_token), user->id, signed_in.csrf_token,
                              now, signed_in.expires_at};
  if (base::Status saved = users_.CreateSession(session); !saved.ok()) return saved.error();
  return signed_in;
}

base::Result<Caller> Auth::Authenticate(const Credentials& c) {
  if (c.bearer_token) {
    auto token = users_.FindApiToken(HashToken(*c.bearer_token));
    if (!token.ok()) {
      if (token.error().code != base::ErrorCode::kNotFound) return token.error();
      return base::Error::Unauthenticated("unknown API token");
    }
    auto user = users_.FindUser(token->user_id);
    if (!user.ok()) return user.error();
    return Caller{*user, std::nullopt, token->id};
  }
  if (!c.session_token) return base::Error::Unauthenticated("sign in first");
  auto session = users_.FindSession(HashToken(*c.session_token), clock_.Now());
  if (!session.ok()) {
    if (session.error().code != base::ErrorCode::kNotFound) return session.error();
    return base::Error::Unauthenticated("the session has ended: sign in again");
  }
  if (c.changes_state && (!c.csrf_token || !SameSecret(*c.csrf_token, session->csrf_token))) {
    return base::Error::PermissionDenied("missing or wrong X-CSRF-Token");
  }
  auto user = users_.FindUser(session->user_id);
  if (!user.ok()) return user.error();
  return Caller{*user, *session, std::nullopt};
}

base::Status Auth::SignOut(const std::string& session_token) {
  return users_.DeleteSession(HashToken(session_token));
}

base::Status Auth::ChangePassword(const Caller& caller, std::string_view current_password,
                                  std::string_view new_password, const std::string& client) {
  const base::TimePoint now = clock_.Now();
  const CheckKeys keys = KeysOf(caller.user.email, client);
  if (base::Status admitted = Admit(keys, now); !admitted.ok()) return admitted;
  const bool matches = VerifyPassword(caller.user.password_hash, current_password);
  if (base::Status recorded = Record(keys, matches, now); !recorded.ok()) return recorded;
  if (!matches) return base::Error::PermissionDenied("the current password is wrong");
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return hash.error();
  std::optional<std::string> kept;
  if (caller.session) kept = caller.session->token_hash;
  return users_.SetPassword(caller.user.id, *hash, kept);
}

base::Result<std::pair<core::ApiToken, std::string>> Auth::CreateApiToken(std::int64_t user_id,
                                                                          std::string name) {
  if (name.empty() || name.size() > kMaxTokenName) {
    return base::Error::InvalidArgument("the token's name must be 1 to 100 characters");
  }
  std::string secret = std::string(kApiTokenPrefix) + RandomToken();
  auto token =
      users_.CreateApiToken({0, user_id, std::move(name), HashToken(secret), clock_.Now()});
  if (!token.ok()) return token.error();
  return std::pair{*token, std::move(secret)};
}

}  // namespace api
