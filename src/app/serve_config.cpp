#include "app/serve_config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace app {
namespace {

// One key: how to apply a value given as text (from the environment or a TOML string/number).
struct Key {
  std::string_view section;
  std::string_view name;
  std::function<std::optional<std::string>(ServeConfig&, const std::string&)> apply;  // error
};

// A whole number in [min, max] into `out` (any unsigned or int field); the error text otherwise.
template <typename Int>
std::optional<std::string> ParseCount(const std::string& text, std::size_t min, std::size_t max,
                                      Int& out) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  }
  out = static_cast<Int>(value);
  return std::nullopt;
}

std::optional<std::string> ParsePositiveDuration(const std::string& text, base::Duration& out) {
  auto d = base::ParseDuration(text);
  if (!d.ok()) return d.error().message;
  if (d->count() <= 0) return "must be longer than 0s";
  out = *d;
  return std::nullopt;
}

std::optional<std::string> ParseSwitch(const std::string& text, bool& out) {
  if (text != "true" && text != "false") return "must be true or false";
  out = text == "true";
  return std::nullopt;
}

std::vector<Key> Keys() {
  constexpr std::size_t kMaxPort = 65535;
  constexpr std::size_t kMaxThreads = 256;
  constexpr std::size_t kMaxBody = 64 * 1024 * 1024;
  constexpr std::size_t kMinBody = 1024;
  constexpr std::size_t kMaxAttempts = 100;
  constexpr std::size_t kMaxSessionHours = 24 * 366;
  return {
      {"database", "path",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.database = v;
         return std::nullopt;
       }},
      {"server", "address",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         c.server.address = v;
         return std::nullopt;
       }},
      {"server", "port",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 0, kMaxPort, c.server.port);
       }},
      {"server", "worker_threads",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 1, kMaxThreads, c.server.worker_threads);
       }},
      {"server", "io_threads",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 1, kMaxThreads, c.server.io_threads);
       }},
      {"server", "max_body_bytes",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, kMinBody, kMaxBody, c.server.max_body_bytes);
       }},
      {"server", "idle_timeout",
       [](ServeConfig& c, const std::string& v) {
         return ParsePositiveDuration(v, c.server.idle_timeout);
       }},
      {"server", "shutdown_grace",
       [](ServeConfig& c, const std::string& v) {
         return ParsePositiveDuration(v, c.shutdown_grace);
       }},
      {"graph", "base_url",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (!v.starts_with("http://") && !v.starts_with("https://")) {
           return "must start with http:// or https://";
         }
         c.graph_base_url = v;
         while (c.graph_base_url.ends_with('/')) c.graph_base_url.pop_back();
         return std::nullopt;
       }},
      {"graph", "api_version",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v.size() < 2 || v[0] != 'v') return "must look like v25.0";
         c.outbox.api_version = v;
         return std::nullopt;
       }},
      {"graph", "timeout",
       [](ServeConfig& c, const std::string& v) {
         return ParsePositiveDuration(v, c.graph_timeout);
       }},
      {"outbox", "max_attempts",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 1, kMaxAttempts, c.outbox.max_attempts);
       }},
      {"outbox", "parallel_sends",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 1, kMaxThreads, c.outbox.parallel);
       }},
      {"session", "secure_cookie",
       [](ServeConfig& c, const std::string& v) {
         return ParseSwitch(v, c.auth_routes.secure_cookie);
       }},
      {"session", "lifetime_hours",
       [=](ServeConfig& c, const std::string& v) {
         std::size_t hours = 0;
         auto error = ParseCount(v, 1, kMaxSessionHours, hours);
         if (!error) c.auth.session_lifetime = std::chrono::hours{hours};
         return error;
       }},
  };
}

std::string EnvName(const Key& key) {
  std::string name = "FRONTDESK_";
  for (char ch : std::string(key.section) + "_" + std::string(key.name)) {
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return name;
}

// A TOML value as the text Key::apply reads. A boolean first: value<std::int64_t>() would read it
// as 0 or 1.
std::optional<std::string> AsText(const toml::node& node) {
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<std::int64_t>()) return std::to_string(*i);
  return std::nullopt;
}

}  // namespace

base::Result<ServeConfig> ReadServeConfig(const std::optional<std::filesystem::path>& file,
                                          const std::function<const char*(const char*)>& getenv) {
  ServeConfig config;
  const std::vector<Key> keys = Keys();
  std::vector<std::string> problems;
  if (file) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) return base::Error::InvalidArgument("cannot read config '" + file->string() + "'");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string where = file->filename().string();
    try {
      const toml::table root = toml::parse(text.str(), file->string());
      for (const auto& [section, node] : root) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
          problems.push_back(where + ":" + std::to_string(node.source().begin.line) + ": " +
                             std::string(section.str()) + ": unknown key");
          continue;
        }
        for (const auto& [name, value] : *table) {
          const std::string dotted = std::string(section.str()) + "." + std::string(name.str());
          const std::string at = where + ":" + std::to_string(value.source().begin.line) + ": ";
          const auto key = std::find_if(keys.begin(), keys.end(), [&](const Key& k) {
            return k.section == section.str() && k.name == name.str();
          });
          if (key == keys.end()) {
            problems.push_back(at + dotted + ": unknown key");
          } else if (auto text_value = AsText(value); !text_value) {
            problems.push_back(at + dotted + ": must be a string, a number or a boolean");
          } else if (auto error = key->apply(config, *text_value)) {
            problems.push_back(at + dotted + ": " + *error);
          }
        }
      }
    } catch (const toml::parse_error& e) {
      problems.push_back(where + ":" + std::to_string(e.source().begin.line) +
                         ": syntax: " + std::string(e.description()));
    }
  }
  for (const Key& key : keys) {
    const std::string variable = EnvName(key);
    if (const char* value = getenv(variable.c_str()); value != nullptr) {
      if (auto error = key.apply(config, value)) problems.push_back(variable + ": " + *error);
    }
  }
  if (problems.empty()) return config;
  std::string message;
  for (const std::string& p : problems) message += (message.empty() ? "" : "\n") + p;
  return base::Error::InvalidArgument(message);
}

}  // namespace app
