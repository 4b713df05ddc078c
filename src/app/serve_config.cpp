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

std::optional<std::string> ParseDecimal(const std::string& text, double min, double max,
                                        double& out) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(value >= min && value <= max)) {
    return "must be a number from " + std::to_string(min).substr(0, 3) + " to " +
           std::to_string(max).substr(0, 3);
  }
  out = value;
  return std::nullopt;
}

// The [llm] keys: the endpoint, how it is asked, and what a turn may take.
void AddLlmKeys(std::vector<Key>& keys) {
  using brain::llm::AuthStyle;
  using brain::llm::OutputMode;
  constexpr std::size_t kMaxConcurrency = 1024;
  constexpr std::size_t kMaxTokens = 1'000'000;
  const auto text = [](std::string_view name, std::string brain::llm::Endpoint::*member) {
    return Key{"llm", name,
               [member](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
                 c.llm.settings.endpoint.*member = v;
                 return std::nullopt;
               }};
  };
  keys.push_back(
      {"llm", "base_url", [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://")) {
           return "must start with http:// or https://";
         }
         c.llm.settings.endpoint.base_url = v;
         return std::nullopt;
       }});
  keys.push_back(text("model", &brain::llm::Endpoint::model));
  keys.push_back(text("api_version", &brain::llm::Endpoint::api_version));
  keys.push_back({"llm", "api_key_env",
                  [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
                    c.llm.api_key_env = v;
                    return std::nullopt;
                  }});
  keys.push_back(
      {"llm", "auth", [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v != "bearer" && v != "api-key") return "must be bearer or api-key";
         c.llm.settings.endpoint.auth = v == "bearer" ? AuthStyle::kBearer : AuthStyle::kApiKey;
         return std::nullopt;
       }});
  keys.push_back(
      {"llm", "output", [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         OutputMode& mode = c.llm.settings.endpoint.mode;
         if (v == "auto")
           mode = OutputMode::kAuto;
         else if (v == "tools")
           mode = OutputMode::kTools;
         else if (v == "structured")
           mode = OutputMode::kStructured;
         else
           return "must be auto, tools or structured";
         return std::nullopt;
       }});
  keys.push_back({"llm", "temperature",
                  [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
                    if (v == "default") {
                      c.llm.settings.endpoint.temperature.reset();
                      return std::nullopt;
                    }
                    double t = 0;
                    auto error = ParseDecimal(v, 0, 2, t);
                    if (!error) c.llm.settings.endpoint.temperature = t;
                    return error;
                  }});
  keys.push_back({"llm", "max_output_tokens", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 16, kMaxTokens, c.llm.settings.endpoint.max_output_tokens);
                  }});
  keys.push_back({"llm", "history_tokens", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 0, kMaxTokens, c.llm.settings.history_tokens);
                  }});
  keys.push_back({"llm", "turn_deadline", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.settings.turn_deadline);
                  }});
  keys.push_back({"llm", "attempt_timeout", [](ServeConfig& c, const std::string& v) {
                    return ParsePositiveDuration(v, c.llm.settings.retry.attempt_timeout);
                  }});
  keys.push_back({"llm", "concurrency", [=](ServeConfig& c, const std::string& v) {
                    return ParseCount(v, 1, kMaxConcurrency, c.replies.workers);
                  }});
  keys.push_back(
      {"llm", "fallback", [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v != "local" && v != "handoff") return "must be local or handoff";
         c.llm.settings.fallback =
             v == "local" ? brain::llm::Fallback::kLocalBrain : brain::llm::Fallback::kHandoff;
         return std::nullopt;
       }});
}

std::vector<Key> Keys() {
  constexpr std::size_t kMaxPort = 65535;
  constexpr std::size_t kMaxThreads = 256;
  constexpr std::size_t kMaxBody = 64 * 1024 * 1024;
  constexpr std::size_t kMinBody = 1024;
  constexpr std::size_t kMaxAttempts = 100;
  constexpr std::size_t kMaxSessionHours = 24 * 366;
  std::vector<Key> keys{
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
  AddLlmKeys(keys);
  return keys;
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
  if (auto d = node.value_exact<double>()) {
    std::ostringstream text;
    text << *d;
    return text.str();
  }
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
  if (config.llm.enabled()) {
    if (config.llm.settings.endpoint.model.empty()) {
      problems.push_back("llm.model: must be set with llm.base_url");
    }
    // The key itself never sits in a file: only the name of the variable that holds it.
    if (!config.llm.api_key_env.empty()) {
      const char* key = getenv(config.llm.api_key_env.c_str());
      if (key == nullptr || *key == '\0') {
        problems.push_back("llm.api_key_env: the variable " + config.llm.api_key_env +
                           " is not set");
      } else {
        config.llm.settings.endpoint.api_key = key;
      }
    }
  }
  if (problems.empty()) return config;
  std::string message;
  for (const std::string& p : problems) message += (message.empty() ? "" : "\n") + p;
  return base::Error::InvalidArgument(message);
}

}  // namespace app
