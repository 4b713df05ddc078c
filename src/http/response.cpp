#include "http/response.h"

#include <algorithm>
#include <string>

namespace http {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 6265 cookie-octet: visible ASCII except '"', ',', ';' and '\'; bytes >= 0x80 also refused.
bool IsCookieOctet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

std::string_view SameSiteName(SameSite s) {
  switch (s) {
    case SameSite::kLax:
      return "Lax";
    case SameSite::kStrict:
      return "Strict";
    case SameSite::kNone:
      return "None";
  }
  return "Lax";
}

Response WithType(int status, std::string_view type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::string(type);
  r.body = std::move(body);
  return r;
}

}  // namespace

bool IsValidHeaderName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), IsTokenChar);
}

bool IsValidHeaderValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response Response::Text(int status, std::string body) {
  return WithType(status, kTextContentType, std::move(body));
}
Response Response::Json(int status, std::string json) {
  return WithType(status, kJsonContentType, std::move(json));
}
Response Response::Html(int status, std::string html) {
  return WithType(status, kHtmlContentType, std::move(html));
}
Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}
Response Response::BadRequest(std::string message) { return Text(400, std::move(message)); }
Response Response::NotFound() { return Text(404, "not found"); }
Response Response::MethodNotAllowed(std::string allow) {
  Response r = Text(405, "method not allowed");
  r.AddHeader("Allow", std::move(allow));
  return r;
}
Response Response::RequestTimeout() { return Text(408, "request timeout"); }
Response Response::PayloadTooLarge() { return Text(413, "payload too large"); }
Response Response::HeadersTooLarge() { return Text(431, "request header fields too large"); }
Response Response::InternalError() { return Text(500, "internal error"); }
Response Response::Unavailable() { return Text(503, "service unavailable"); }

Response& Response::AddHeader(std::string name, std::string value) {
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

bool Response::SetCookie(std::string_view name, std::string_view value,
                         const CookieOptions& options) {
  if (!IsValidHeaderName(name) || !std::all_of(value.begin(), value.end(), IsCookieOctet) ||
      !std::all_of(options.path.begin(), options.path.end(), IsCookieOctet)) {
    return false;
  }
  std::string cookie = std::string(name) + '=' + std::string(value);
  if (!options.path.empty()) cookie += "; Path=" + options.path;
  if (options.max_age) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*options.max_age);
    cookie += "; Max-Age=" + std::to_string(std::max<std::int64_t>(0, seconds.count()));
  }
  if (options.http_only) cookie += "; HttpOnly";
  if (options.secure) cookie += "; Secure";
  cookie += "; SameSite=";
  cookie += SameSiteName(options.same_site);
  AddHeader("Set-Cookie", std::move(cookie));
  return true;
}

std::optional<std::string> Response::Header(std::string_view name) const {
  if (EqualsIgnoreCase(name, "Content-Type") && !content_type.empty()) return content_type;
  return FindHeader(headers, name);
}

}  // namespace http
