// Header values of the form `value; name=token; name="quoted string"` (RFC 9110 section 5.6.6):
// Content-Type ("multipart/form-data; boundary=x") and Content-Disposition ("form-data;
// name=file; filename="a.csv"").
//
// Thread-safe (no shared state); never throws, whatever the bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

struct ParameterizedValue {
  std::string value;  // lower-cased: "multipart/form-data", "form-data"
  // In order; names lower-cased, values as sent (a quoted string's quotes and escapes removed).
  std::vector<std::pair<std::string, std::string>> parameters;

  // The parameter named `name` (lower-case), if present.
  std::optional<std::string> Parameter(std::string_view name) const;
};

// Parses a header value. The leading value is one or more token characters and '/'; each
// parameter is a token, '=', and a token or a quoted string (with \-escapes); spaces and tabs may
// surround the ';' and the value. Returns nullopt for anything else: an empty value, a parameter
// without '=' or value, an unterminated quoted string, text after a value, a repeated parameter
// name, a control character.
std::optional<ParameterizedValue> ParseParameterized(std::string_view header_value);

}  // namespace http
