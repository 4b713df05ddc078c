// An HTTP request as handlers see it: plain values, no Beast types.
//
// A Request is a value: handlers receive it by const reference and may read it from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST"... ("OTHER" for kOther).
std::string_view ToString(Method method);
// The method of an exact, case-sensitive token ("GET"); kOther for any other token.
Method ParseMethod(std::string_view token);

struct HeaderField {
  std::string name;
  std::string value;
};
using HeaderFields = std::vector<HeaderField>;

// ASCII case-insensitive equality, for header names and cookie attributes.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// The value of the first field named `name` (case-insensitive), if any.
std::optional<std::string> FindHeader(const HeaderFields& fields, std::string_view name);

// Decodes %XX escapes. With `plus_is_space` (query strings), '+' decodes to ' '. Returns nullopt
// for a malformed escape ("%4", "%zz") or an escaped NUL ("%00").
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

struct Request {
  Method method = Method::kGet;
  std::string method_token;    // as received: "GET", or the unknown token behind kOther
  std::string target;          // as received: "/chat/a%20b?x=1"
  std::string path;            // the target's path, percent-decoded: "/chat/a b"
  std::string query;           // the raw query string after '?', without it: "x=1"
  HeaderFields headers;        // in order of arrival; names as sent
  std::string body;            // the raw bytes, exactly as received (for signature checks)
  std::string remote_address;  // the peer's IP address (a proxy's, behind one)
  // The router's captures: {"id", "42"} for "/items/{id}" and "/items/42".
  std::vector<std::pair<std::string, std::string>> path_params;

  // Sets target, path and query from an origin-form target ("/p?q"). Returns false, changing
  // nothing, when the target does not start with '/' or its path has a malformed escape.
  bool SetTarget(std::string_view origin_form);

  // The first header named `name`, case-insensitive.
  std::optional<std::string> Header(std::string_view name) const;
  // The first query parameter named `name`, decoded ('+' is a space). A parameter without '='
  // ("?flag") has the value "". nullopt when absent or when its escapes are malformed.
  std::optional<std::string> Query(std::string_view name) const;
  // A router capture by name ("id"), decoded.
  std::optional<std::string> PathParam(std::string_view name) const;
  // Every cookie of the Cookie headers, in order ("a=1; b=2" gives {a,1},{b,2}). Values keep
  // their bytes; surrounding double quotes are removed. Malformed pairs are skipped.
  std::vector<std::pair<std::string, std::string>> Cookies() const;
  // The first cookie named `name` (case-sensitive, as cookies are).
  std::optional<std::string> Cookie(std::string_view name) const;
};

}  // namespace http
