#include "app/serve_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <type_traits>
#include <vector>

#include "app/config_keys.h"
#include "app/llm_keys.h"
#include "store/database_url.h"

namespace app {
namespace {

std::vector<ConfigKey> Keys() {
  constexpr std::size_t kMaxPort = 65535;
  constexpr std::size_t kMaxThreads = 256;
  constexpr std::size_t kMaxBody = 64 * 1024 * 1024;
  constexpr std::size_t kMinBody = 1024;
  constexpr std::size_t kMaxAttempts = 100;
  constexpr std::size_t kMaxSessionHours = 24 * 366;
  std::vector<ConfigKey> keys{
      {"database", "url",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (auto url = store::ParseDatabaseUrl(v); !url.ok()) return url.error().message;
         c.database_url = v;
         return std::nullopt;
       }},
      // The key of releases before database.url: a SQLite file.
      {"database", "path",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.database_url = "sqlite:" + v;
         return std::nullopt;
       }},
      {"database", "connections",
       [=](ServeConfig& c, const std::string& v) {
         return ParseCount(v, 1, kMaxThreads, c.database_connections);
       }},
      {"media", "path",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.media_path = v;
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
      {"server", "instance",
       [](ServeConfig& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.instance = v;
         return std::nullopt;
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

std::string EnvName(const ConfigKey& key) {
  std::string name = "FRONTDESK_";
  for (char ch : std::string(key.section) + "_" + std::string(key.name)) {
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return name;
}

// A TOML value as JSON: tables and arrays as they are, dates and times as their TOML text.
nlohmann::json ToJson(const toml::node& node) {
  return node.visit([](const auto& n) -> nlohmann::json {
    using Node = std::remove_cvref_t<decltype(n)>;
    if constexpr (toml::is_table<Node>) {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [name, value] : n) object[std::string(name.str())] = ToJson(value);
      return object;
    } else if constexpr (toml::is_array<Node>) {
      nlohmann::json array = nlohmann::json::array();
      for (const toml::node& item : n) array.push_back(ToJson(item));
      return array;
    } else if constexpr (toml::is_date<Node> || toml::is_time<Node> || toml::is_date_time<Node>) {
      std::ostringstream text;
      text << n;
      return text.str();
    } else {
      return *n;  // a string, an integer, a floating-point number or a boolean
    }
  });
}

// A TOML value as the text ConfigKey::apply reads: a table, as JSON, for an object key; else a
// string, a number or a boolean. A boolean first: value<std::int64_t>() would read it as 0 or 1.
std::optional<std::string> AsText(const toml::node& node, bool object) {
  if (object) {
    if (node.is_table()) return ToJson(node).dump();
    return std::nullopt;
  }
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<std::int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) return FormatDecimal(*d);
  return std::nullopt;
}

}  // namespace

base::Result<ServeConfig> ReadServeConfig(const std::optional<std::filesystem::path>& file,
                                          const std::function<const char*(const char*)>& getenv) {
  ServeConfig config;
  const std::vector<ConfigKey> keys = Keys();
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
          const auto key = std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& k) {
            return k.section == section.str() && k.name == name.str();
          });
          if (key == keys.end()) {
            problems.push_back(at + dotted + ": unknown key");
          } else if (auto text_value = AsText(value, key->object); !text_value) {
            problems.push_back(
                at + dotted +
                (key->object ? ": must be a table" : ": must be a string, a number or a boolean"));
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
  for (const ConfigKey& key : keys) {
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
