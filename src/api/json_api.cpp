#include "api/json_api.h"

#include <charconv>

namespace api {
namespace {

constexpr std::string_view kBearer = "Bearer ";
// The field problems an error's message lists; the rest are counted.
constexpr std::size_t kFieldsInMessage = 3;

}  // namespace

int StatusOf(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kInvalidArgument:
      return 400;
    case base::ErrorCode::kUnauthenticated:
      return 401;
    case base::ErrorCode::kPermissionDenied:
      return 403;
    case base::ErrorCode::kNotFound:
      return 404;
    case base::ErrorCode::kAlreadyExists:
    case base::ErrorCode::kConflict:
    case base::ErrorCode::kFailedPrecondition:
      return 409;
    case base::ErrorCode::kResourceExhausted:
      return 429;
    case base::ErrorCode::kUnavailable:
      return 503;
    case base::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

// `body` answered with `error`'s status; an internal error's own message goes to the log only.
http::Response ErrorAnswer(const base::Error& error, const nlohmann::json& body) {
  http::Response response = JsonResponse(StatusOf(error.code), body);
  if (error.code == base::ErrorCode::kInternal) response.log_note = error.message;
  return response;
}

}  // namespace

http::Response ErrorResponse(const base::Error& error) {
  return ErrorAnswer(error, ErrorBody(error));
}

http::Response JsonResponse(int status, const nlohmann::json& body) {
  return http::Response::Json(status,
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

base::Result<nlohmann::json> JsonObject(const http::Request& request) {
  auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return base::Error::InvalidArgument("the body must be a JSON object");
  return body;
}

std::optional<std::string> StringField(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::int64_t> IdParam(const http::Request& request, std::string_view name) {
  const std::string text = request.PathParam(name).value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

Credentials CredentialsOf(const http::Request& request) {
  Credentials c;
  c.session_token = request.Cookie(kSessionCookie);
  c.csrf_token = request.Header(kCsrfHeader);
  if (auto authorization = request.Header("Authorization");
      authorization && authorization->starts_with(kBearer)) {
    c.bearer_token = authorization->substr(kBearer.size());
  }
  c.changes_state = request.method != http::Method::kGet && request.method != http::Method::kHead;
  return c;
}

nlohmann::json ErrorBody(const base::Error& error) {
  const std::string message =
      error.code == base::ErrorCode::kInternal ? "internal error" : error.message;
  return {{"error", {{"code", base::ToString(error.code)}, {"message", message}}}};
}

nlohmann::json FieldsJson(const std::vector<core::FieldError>& fields) {
  nlohmann::json list = nlohmann::json::array();
  for (const core::FieldError& f : fields) {
    list.push_back({{"field", f.field}, {"message", f.message}});
  }
  return list;
}

http::Response FieldErrorResponse(std::string_view what,
                                  const std::vector<core::FieldError>& fields) {
  std::string message(what);
  for (std::size_t i = 0; i < fields.size() && i < kFieldsInMessage; ++i) {
    message += (i == 0 ? ": " : "; ") + fields[i].field + ": " + fields[i].message;
  }
  if (fields.size() > kFieldsInMessage) {
    message += "; and " + std::to_string(fields.size() - kFieldsInMessage) + " more";
  }
  nlohmann::json body = ErrorBody(base::Error::InvalidArgument(message));
  body["error"]["fields"] = FieldsJson(fields);
  return JsonResponse(StatusOf(base::ErrorCode::kInvalidArgument), body);
}

http::Response FieldErrorResponse(const base::Error& error, std::string_view field) {
  nlohmann::json body = ErrorBody(error);
  body["error"]["fields"] =
      FieldsJson({{std::string(field), body["error"]["message"].get<std::string>()}});
  return ErrorAnswer(error, body);
}

}  // namespace api
