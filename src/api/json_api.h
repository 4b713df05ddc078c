// The conventions every /api/v1 endpoint shares: JSON bodies, errors as
// {"error": {"code": "unauthenticated", "message": "sign in first"}} with the status their code
// means, and the caller's credentials read from a request.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "api/auth.h"
#include "base/result.h"
#include "core/agent_config.h"
#include "http/request.h"
#include "http/response.h"

namespace api {

inline constexpr std::string_view kSessionCookie = "fd_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The HTTP status of an error code: 400, 401, 403, 404, 409, 429, 503 or 500.
int StatusOf(base::ErrorCode code);

// The error as a JSON response. An internal error's message is replaced by a generic one and goes
// to the server's error log instead (http::Response::log_note).
http::Response ErrorResponse(const base::Error& error);

http::Response JsonResponse(int status, const nlohmann::json& body);

// The request's body as a JSON object; kInvalidArgument otherwise.
base::Result<nlohmann::json> JsonObject(const http::Request& request);

// The string field `name` of a JSON object; nullopt when absent or not a string.
std::optional<std::string> StringField(const nlohmann::json& body, const char* name);

// The path parameter `name` as a decimal id; nullopt when it is not one.
std::optional<std::int64_t> IdParam(const http::Request& request, std::string_view name);

// The session cookie, the CSRF header and a bearer token, as presented.
Credentials CredentialsOf(const http::Request& request);

// The body of ErrorResponse, {"error": {"code", "message"}}, for an endpoint to add details to.
nlohmann::json ErrorBody(const base::Error& error);

// [{"field": "greeting", "message": "is required"}, ...]
nlohmann::json FieldsJson(const std::vector<core::FieldError>& fields);

// A validation error over fields, 400 invalid_argument: {"error": {"code", "message", "fields":
// [{"field": "questions[0].text", "message": "must not be empty"}]}}. The message is `what`
// followed by the first few problems ("the draft cannot be published: greeting: is required").
http::Response FieldErrorResponse(std::string_view what,
                                  const std::vector<core::FieldError>& fields);

// `error` as ErrorResponse gives it, naming the one field it concerns: its message also in
// "fields" ([{"field": `field`, "message"}]), for a form to show it there.
http::Response FieldErrorResponse(const base::Error& error, std::string_view field);

}  // namespace api
