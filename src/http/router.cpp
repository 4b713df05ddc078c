#include "http/router.h"

#include <algorithm>
#include <optional>

namespace http {
namespace {

// "/a/b" → {"a", "b"}; "/" → {}. REQUIRES: path starts with '/'.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path == "/") return segments;
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsCapture(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Literal segments before captures, position by position: true when `a` is more specific.
bool MoreSpecific(const Router::Route& a, const Router::Route& b) {
  for (std::size_t i = 0; i < a.captures.size(); ++i) {
    if (a.captures[i] != b.captures[i]) return !a.captures[i];
  }
  return false;
}

}  // namespace

void Router::AddRoute(Method method, std::string_view pattern, Handler handler,
                      StreamHandler stream, RouteOptions options) {
  const auto fail = [&](std::string_view why) {
    if (first_error_.empty()) {
      first_error_ = "route " + std::string(ToString(method)) + " " + std::string(pattern) + ": " +
                     std::string(why);
    }
  };
  if (pattern.empty() || pattern.front() != '/') return fail("must start with '/'");
  if (method == Method::kOther) return fail("needs a known method");
  Route route{method, std::string(pattern), {}, {}, std::move(handler), std::move(stream), options};
  std::vector<std::string> names;
  const std::vector<std::string_view> segments = Split(pattern);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string_view segment = segments[i];
    // Only the last segment may be empty: a trailing slash ("/app/").
    if (segment.empty() && i + 1 < segments.size()) return fail("has an empty segment");
    const bool capture = IsCapture(segment);
    if (!capture && segment.find_first_of("{}") != std::string_view::npos) {
      return fail("has a malformed {capture}");
    }
    std::string text(capture ? segment.substr(1, segment.size() - 2) : segment);
    if (capture) {
      if (std::find(names.begin(), names.end(), text) != names.end()) {
        return fail("repeats a capture name");
      }
      names.push_back(text);
    }
    route.segments.push_back(std::move(text));
    route.captures.push_back(capture);
  }
  for (const Route& r : routes_) {
    if (r.method != method || r.captures != route.captures) continue;
    bool same = true;
    for (std::size_t i = 0; i < r.segments.size() && same; ++i) {
      same = r.captures[i] || r.segments[i] == route.segments[i];
    }
    if (same) return fail("is already routed");
  }
  routes_.push_back(std::move(route));
}

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  AddRoute(method, pattern, std::move(handler), nullptr, options);
}
void Router::Get(std::string_view pattern, Handler handler) {
  Add(Method::kGet, pattern, std::move(handler));
}
void Router::Post(std::string_view pattern, Handler handler, RouteOptions options) {
  Add(Method::kPost, pattern, std::move(handler), options);
}
void Router::Put(std::string_view pattern, Handler handler) {
  Add(Method::kPut, pattern, std::move(handler));
}
void Router::Patch(std::string_view pattern, Handler handler) {
  Add(Method::kPatch, pattern, std::move(handler));
}
void Router::Delete(std::string_view pattern, Handler handler) {
  Add(Method::kDelete, pattern, std::move(handler));
}
void Router::Stream(std::string_view pattern, StreamHandler handler) {
  AddRoute(Method::kGet, pattern, nullptr, std::move(handler), {});
}

std::size_t Router::LargestBodyLimit(std::size_t server_limit) const {
  std::size_t largest = server_limit;
  for (const Route& r : routes_) largest = std::max(largest, r.options.max_body_bytes.value_or(0));
  return largest;
}

base::Status Router::status() const {
  if (first_error_.empty()) return base::Status::Ok();
  return base::Error::InvalidArgument(first_error_);
}

Router::Match Router::Find(Method method, std::string_view raw_path) const {
  Match match;
  if (raw_path.empty() || raw_path.front() != '/') return match;
  std::vector<std::optional<std::string>> decoded;
  for (std::string_view segment : Split(raw_path)) decoded.push_back(PercentDecode(segment));
  std::vector<Method> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (r.segments.size() != decoded.size()) continue;
    bool fits = true;
    for (std::size_t s = 0; s < decoded.size() && fits; ++s) {
      fits = decoded[s] && (r.captures[s] ? !decoded[s]->empty() : *decoded[s] == r.segments[s]);
    }
    if (!fits) continue;
    if (r.method != method) {
      allowed.push_back(r.method);
    } else if (match.route == nullptr || MoreSpecific(r, *match.route)) {
      match.route = &r;
      match.index = i;
    }
  }
  if (match.route != nullptr) {
    for (std::size_t s = 0; s < decoded.size(); ++s) {
      if (match.route->captures[s])
        match.params.emplace_back(match.route->segments[s], *decoded[s]);
    }
    return match;
  }
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  for (Method m : allowed) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += ToString(m);
  }
  return match;
}

}  // namespace http
