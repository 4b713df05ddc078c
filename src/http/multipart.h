// multipart/form-data request bodies (RFC 7578, framed as RFC 2046 section 5.1.1): the fields
// and files of an HTML form.
//
//   auto parts = http::ParseFormData(request.Header("Content-Type").value_or(""), request.body);
//   if (!parts.ok()) return ...;  // kInvalidArgument with a message for the client
//   const http::FormPart* file = http::FindPart(*parts, "file");
//
// Strict: the body starts with the boundary line (no preamble), every line break of the framing
// is CRLF, every part has a `Content-Disposition: form-data; name=...` header, and the closing
// boundary is present (what follows it, the epilogue, is ignored). Header lines are "Name: value"
// and not folded; headers other than Content-Disposition and Content-Type are ignored.
// Bounded: at most `max_parts` parts, each with a header block of at most `max_header_bytes`;
// the time taken is linear in the body's size.
//
// Thread-safe (no shared state); never throws or asserts, whatever the bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace http {

// Boundaries are 1 to 70 characters (RFC 2046).
inline constexpr std::size_t kMaxBoundaryLength = 70;

struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 8 * 1024;  // of one part's header block
};

struct FormPart {
  std::string name;                     // the form field's name
  std::optional<std::string> filename;  // set for a file, as sent (never a path to use)
  std::string content_type;             // the part's Content-Type as sent, "" when absent
  std::string_view body;                // the exact bytes: a view into the parsed body
};

// The parts of a multipart/form-data `body`, in order. `content_type` is the request's
// Content-Type header value, which carries the boundary. Returns kInvalidArgument, with a
// message naming the problem, when the content type is not multipart/form-data with a valid
// boundary, or the body breaks the framing or the limits above.
// The parts' bodies point into `body`, which must outlive them.
base::Result<std::vector<FormPart>> ParseFormData(std::string_view content_type,
                                                  std::string_view body,
                                                  MultipartLimits limits = {});

// The first part named `name`, or nullptr.
const FormPart* FindPart(std::span<const FormPart> parts, std::string_view name);

}  // namespace http
