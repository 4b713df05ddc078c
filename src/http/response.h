// An HTTP response as handlers build it: plain values, no Beast types.
//
// The server owns framing: it sets Content-Length and Connection itself and drops those fields
// (and Transfer-Encoding) from `headers`. A response whose header names or values are invalid
// (see IsValidHeaderName/Value) is replaced by a 500 and logged, so no handler can split headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "http/request.h"

namespace http {

inline constexpr std::string_view kTextContentType = "text/plain; charset=utf-8";
inline constexpr std::string_view kJsonContentType = "application/json";
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

// An RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~), not empty.
bool IsValidHeaderName(std::string_view name);
// No CR, LF or NUL (visible text, spaces and tabs, and UTF-8 bytes are allowed).
bool IsValidHeaderValue(std::string_view value);

enum class SameSite { kLax, kStrict, kNone };

struct CookieOptions {
  std::string path = "/";
  std::optional<base::Duration> max_age;  // nullopt: a session cookie; zero: delete it
  bool http_only = true;
  bool secure = true;
  SameSite same_site = SameSite::kLax;
};

struct Response {
  int status = 200;          // 100..599; anything else is sent as a 500
  std::string content_type;  // empty: no Content-Type field
  HeaderFields headers;      // extra fields in order; a name may repeat (Set-Cookie)
  std::string body;
  // For the server's error log, never sent: what went wrong behind a generic answer (an
  // internal error's detail). Empty: nothing is logged.
  std::string log_note;

  static Response Text(int status, std::string body);  // text/plain; charset=utf-8
  static Response Json(int status, std::string json);  // application/json
  static Response Html(int status, std::string html);  // text/html; charset=utf-8
  static Response NoContent();                         // 204
  // Fixed short texts, safe to show to anyone.
  static Response BadRequest(std::string message = "bad request");  // 400
  static Response NotFound();                                       // 404
  static Response MethodNotAllowed(std::string allow);              // 405 with Allow: `allow`
  static Response RequestTimeout();                                 // 408
  static Response PayloadTooLarge();                                // 413
  static Response HeadersTooLarge();                                // 431
  static Response InternalError();                                  // 500
  static Response Unavailable();                                    // 503

  // Appends a header field. Returns *this for chaining.
  Response& AddHeader(std::string name, std::string value);
  // Appends a Set-Cookie field. Returns false, adding nothing, when the name is not a token or
  // the value holds a byte cookies may not carry (control, space, '"', ',', ';', '\').
  [[nodiscard]] bool SetCookie(std::string_view name, std::string_view value,
                               const CookieOptions& options = {});
  // The first header named `name`, case-insensitive (Content-Type included).
  std::optional<std::string> Header(std::string_view name) const;
};

}  // namespace http
