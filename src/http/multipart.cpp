#include "http/multipart.h"

#include "base/strings.h"
#include "http/parameters.h"
#include "http/request.h"

namespace http {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kDashes = "--";
constexpr std::string_view kFormData = "multipart/form-data";

// RFC 2046 bchars: the characters a boundary may hold (a space, but not last).
bool IsBoundaryChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool IsValidBoundary(std::string_view b) {
  if (b.empty() || b.size() > kMaxBoundaryLength || b.back() == ' ') return false;
  for (char c : b) {
    if (!IsBoundaryChar(c)) return false;
  }
  return true;
}

base::Error Malformed(const std::string& what) {
  return base::Error::InvalidArgument("malformed multipart/form-data body: " + what);
}

// Reads one part's header block (without its final empty line) into `part`.
base::Status ReadHeaders(std::string_view block, FormPart& part) {
  bool disposition_seen = false;
  bool type_seen = false;
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + kCrlf.size());
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line[0] == ' ' || line[0] == '\t') {
      return Malformed("a part's header line is not \"Name: value\"");
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = base::Trim(line.substr(colon + 1));
    if (name.find_first_of(" \t\r\n") != std::string_view::npos ||
        value.find_first_of("\r\n") != std::string_view::npos) {
      return Malformed("a part's header line is not \"Name: value\"");
    }
    if (EqualsIgnoreCase(name, "Content-Disposition")) {
      const auto disposition = ParseParameterized(value);
      if (disposition_seen || !disposition || disposition->value != "form-data") {
        return Malformed("a part's Content-Disposition is not one form-data header");
      }
      disposition_seen = true;
      part.name = disposition->Parameter("name").value_or("");
      part.filename = disposition->Parameter("filename");
    } else if (EqualsIgnoreCase(name, "Content-Type")) {
      if (type_seen) return Malformed("a part has two Content-Type headers");
      type_seen = true;
      part.content_type = std::string(value);
    }
  }
  if (part.name.empty()) {
    return Malformed("a part has no Content-Disposition: form-data with a name");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::vector<FormPart>> ParseFormData(std::string_view content_type,
                                                  std::string_view body, MultipartLimits limits) {
  const auto type = ParseParameterized(content_type);
  const std::optional<std::string> boundary = type ? type->Parameter("boundary") : std::nullopt;
  if (!type || type->value != kFormData || !boundary || !IsValidBoundary(*boundary)) {
    return base::Error::InvalidArgument(
        "the Content-Type must be multipart/form-data with a boundary of 1 to 70 characters");
  }
  const std::string dash_boundary = std::string(kDashes) + *boundary;
  const std::string delimiter = std::string(kCrlf) + dash_boundary;
  if (!body.starts_with(dash_boundary)) {
    return Malformed("it does not start with the boundary line");
  }
  std::vector<FormPart> parts;
  std::size_t pos = dash_boundary.size();
  for (;;) {
    // After a boundary: "--" closes the body; else optional padding, then the line's end.
    if (body.substr(pos, kDashes.size()) == kDashes) return parts;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (pos == body.size()) return Malformed("it ends before the closing boundary");
    if (body.substr(pos, kCrlf.size()) != kCrlf) {
      return Malformed("a boundary line has text after the boundary");
    }
    pos += kCrlf.size();
    if (parts.size() == limits.max_parts) {
      return Malformed("more than " + std::to_string(limits.max_parts) + " parts");
    }
    // The header block ends with an empty line (an empty block lacks Content-Disposition).
    const std::size_t window_bytes = limits.max_header_bytes + 2 * kCrlf.size();
    const std::string_view window = body.substr(pos, window_bytes);
    const std::size_t end = window.starts_with(kCrlf) ? 0 : window.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      return Malformed(window.size() < window_bytes
                           ? "a part's headers do not end"
                           : "a part's headers are longer than " +
                                 std::to_string(limits.max_header_bytes) + " bytes");
    }
    FormPart part;
    if (base::Status read = ReadHeaders(window.substr(0, end), part); !read.ok()) {
      return read.error();
    }
    const std::size_t content = pos + end + 2 * kCrlf.size();
    const std::size_t next = body.find(delimiter, content);
    if (next == std::string_view::npos) {
      return Malformed("it ends before the closing boundary");
    }
    part.body = body.substr(content, next - content);
    parts.push_back(std::move(part));
    pos = next + delimiter.size();
  }
}

const FormPart* FindPart(std::span<const FormPart> parts, std::string_view name) {
  for (const FormPart& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace http
