#include "app/workspace_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/workspace.h"

namespace app {
namespace {

// Collects the problems of one file, each with its line and dotted key.
class Reader {
 public:
  explicit Reader(std::filesystem::path path) : path_(std::move(path)) {}

  void Problem(const toml::source_region& where, const std::string& key, const std::string& what) {
    std::ostringstream line;
    line << path_.filename().string() << ':' << where.begin.line << ": " << key << ": " << what;
    problems_.push_back(line.str());
  }
  void Problem(const std::string& key, const std::string& what) {
    problems_.push_back(path_.filename().string() + ": " + key + ": " + what);
  }

  // Reports keys of `table` outside `known` ("agent.greting: unknown key").
  void OnlyKeys(const toml::table& table, const std::string& prefix,
                std::initializer_list<std::string_view> known) {
    for (const auto& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        Problem(node.source(), prefix + std::string(key.str()), "unknown key");
      }
    }
  }

  void String(const toml::table& table, const std::string& prefix, std::string_view key,
              std::string& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    if (auto v = node->value<std::string>()) {
      out = *v;
    } else {
      Problem(node->source(), prefix + std::string(key), "must be a string");
    }
  }

  void Bool(const toml::table& table, const std::string& prefix, std::string_view key, bool& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    if (auto v = node->value<bool>()) {
      out = *v;
    } else {
      Problem(node->source(), prefix + std::string(key), "must be true or false");
    }
  }

  void Strings(const toml::table& table, const std::string& prefix, std::string_view key,
               std::vector<std::string>& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr)
      return Problem(node->source(), prefix + std::string(key), "must be a list of strings");
    out.clear();
    for (const toml::node& item : *array) {
      if (auto v = item.value<std::string>()) {
        out.push_back(*v);
      } else {
        Problem(item.source(), prefix + std::string(key), "must be a list of strings");
      }
    }
  }

  // A sub-table, or nullptr when absent (reported when not a table).
  const toml::table* Table(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return nullptr;
    if (const toml::table* t = node->as_table()) return t;
    Problem(node->source(), std::string(key), "must be a table");
    return nullptr;
  }

  std::optional<std::string> ReadText(const std::filesystem::path& file) {
    std::ifstream in(path_.parent_path() / file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  const std::filesystem::path& path() const { return path_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::filesystem::path path_;
  std::vector<std::string> problems_;
};

void ReadAgent(Reader& r, const toml::table& agent, WorkspaceFile& out) {
  r.OnlyKeys(agent, "agent.",
             {"name", "communication_style", "default_language", "greeting", "workflow",
              "handoff_message", "resume_notice", "qualified_message", "brain"});
  core::AgentConfig& c = out.config;
  r.String(agent, "agent.", "name", c.agent_name);
  r.String(agent, "agent.", "communication_style", c.communication_style);
  r.String(agent, "agent.", "greeting", c.greeting);
  r.String(agent, "agent.", "handoff_message", c.handoff_message);
  r.String(agent, "agent.", "resume_notice", c.resume_notice);
  r.String(agent, "agent.", "qualified_message", c.qualified_message);
  std::string language;
  r.String(agent, "agent.", "default_language", language);
  if (!language.empty()) {
    if (auto l = core::ParseLanguage(language)) {
      c.default_language = *l;
    } else {
      r.Problem(agent.get("default_language")->source(), "agent.default_language",
                "must be en, es or pt");
    }
  }
  std::string brain;
  r.String(agent, "agent.", "brain", brain);
  if (!brain.empty()) {
    if (auto b = core::ParseBrainKind(brain)) {
      c.brain = *b;
    } else {
      r.Problem(agent.get("brain")->source(), "agent.brain", "must be local or llm");
    }
  }
  std::string workflow;
  r.String(agent, "agent.", "workflow", workflow);
  if (!workflow.empty()) {
    c.workflow = core::ParseWorkflowKind(workflow);
    if (!c.workflow) {
      r.Problem(agent.get("workflow")->source(), "agent.workflow",
                "must be handoff_to_human or qualify_and_transfer");
    }
  }
}

void ReadQuestions(Reader& r, const toml::node& node, core::AgentConfig& c) {
  const toml::array* questions = node.as_array();
  if (questions == nullptr)
    return r.Problem(node.source(), "questions", "must be [[questions]] tables");
  for (std::size_t i = 0; i < questions->size(); ++i) {
    const std::string prefix = "questions[" + std::to_string(i) + "].";
    const toml::table* q = (*questions)[i].as_table();
    if (q == nullptr) {
      r.Problem((*questions)[i].source(), prefix, "must be a table with text and label");
      continue;
    }
    r.OnlyKeys(*q, prefix, {"text", "label", "type", "choices", "optional"});
    core::Question question;
    r.String(*q, prefix, "text", question.text);
    r.String(*q, prefix, "label", question.label);
    std::string type;
    r.String(*q, prefix, "type", type);
    if (!type.empty()) {
      if (const auto parsed = core::ParseQuestionType(type)) {
        question.type = *parsed;
      } else {
        r.Problem(q->get("type")->source(), prefix + "type",
                  "must be text, email, phone, number, amount, date or choice");
      }
    }
    r.Strings(*q, prefix, "choices", question.choices);
    r.Bool(*q, prefix, "optional", question.optional);
    c.questions.push_back(std::move(question));
  }
}

void ReadSettings(Reader& r, const toml::table& settings, core::AgentConfig& c) {
  r.OnlyKeys(settings, "settings.", {"pause", "debounce", "ask_contact_details"});
  r.Bool(settings, "settings.", "ask_contact_details", c.ask_contact_details);
  std::string pause;
  r.String(settings, "settings.", "pause", pause);
  if (pause == "never") {
    c.pause.reset();
  } else if (!pause.empty()) {
    auto d = base::ParseDuration(pause);
    if (d.ok()) {
      c.pause = *d;
    } else {
      r.Problem(settings.get("pause")->source(), "settings.pause",
                d.error().message + ", or \"never\"");
    }
  }
  std::string debounce;
  r.String(settings, "settings.", "debounce", debounce);
  if (!debounce.empty()) {
    auto d = base::ParseDuration(debounce);
    if (d.ok()) {
      c.debounce = *d;
    } else {
      r.Problem(settings.get("debounce")->source(), "settings.debounce", d.error().message);
    }
  }
}

void ReadContext(Reader& r, const toml::table& context, core::AgentConfig& c) {
  r.OnlyKeys(context, "context.", {"text", "file"});
  r.String(context, "context.", "text", c.business_context);
  std::string file;
  r.String(context, "context.", "file", file);
  if (file.empty()) return;
  if (!c.business_context.empty()) {
    return r.Problem(context.get("file")->source(), "context.file", "give text or file, not both");
  }
  if (auto text = r.ReadText(file)) {
    c.business_context = std::move(*text);
  } else {
    r.Problem(context.get("file")->source(), "context.file", "cannot read '" + file + "'");
  }
}

void ReadTranslations(Reader& r, const toml::table& translations, core::AgentConfig& c) {
  for (const auto& [key, node] : translations) {
    const std::string prefix = "translations." + std::string(key.str()) + ".";
    const auto language = core::ParseLanguage(key.str());
    const toml::table* t = node.as_table();
    if (!language || t == nullptr) {
      r.Problem(node.source(), "translations." + std::string(key.str()),
                "must be a table named en, es or pt");
      continue;
    }
    r.OnlyKeys(*t, prefix,
               {"greeting", "handoff_message", "resume_notice", "qualified_message", "questions"});
    core::AgentTexts& texts = c.translations[*language];
    r.String(*t, prefix, "greeting", texts.greeting);
    r.String(*t, prefix, "handoff_message", texts.handoff_message);
    r.String(*t, prefix, "resume_notice", texts.resume_notice);
    r.String(*t, prefix, "qualified_message", texts.qualified_message);
    r.Strings(*t, prefix, "questions", texts.questions);
  }
}

// A secret given inline (`key`) or through an environment variable (`key`_env).
void Secret(Reader& r, const toml::table& t, const std::string& prefix, const std::string& key,
            std::string& out) {
  r.String(t, prefix, key, out);
  std::string variable;
  r.String(t, prefix, key + "_env", variable);
  if (variable.empty()) return;
  if (const char* value = std::getenv(variable.c_str()); value != nullptr && *value != '\0') {
    out = value;
  } else {
    r.Problem(t.get(key + "_env")->source(), prefix + key + "_env",
              "the environment variable " + variable + " is not set");
  }
}

void ReadChannels(Reader& r, const toml::node& node, WorkspaceFile& out) {
  const toml::array* channels = node.as_array();
  if (channels == nullptr)
    return r.Problem(node.source(), "channels", "must be [[channels]] tables");
  for (std::size_t i = 0; i < channels->size(); ++i) {
    const std::string prefix = "channels[" + std::to_string(i) + "].";
    const toml::table* t = (*channels)[i].as_table();
    if (t == nullptr) {
      r.Problem((*channels)[i].source(), prefix, "must be a table");
      continue;
    }
    r.OnlyKeys(*t, prefix,
               {"type", "account_id", "access_token", "access_token_env", "app_secret",
                "app_secret_env", "verify_token", "verify_token_env", "app_id"});
    core::ChannelAccount account;
    std::string type;
    r.String(*t, prefix, "type", type);
    const auto channel = core::ParseChannel(type);
    if (!channel || *channel == core::Channel::kWeb) {
      r.Problem(t->source(), prefix + "type", "must be whatsapp, messenger or instagram");
      continue;
    }
    account.channel = *channel;
    r.String(*t, prefix, "account_id", account.account_id);
    if (account.account_id.empty()) {
      r.Problem(t->source(), prefix + "account_id",
                "is required (phone number id, Page id or Instagram account id)");
    }
    Secret(r, *t, prefix, "access_token", account.access_token);
    Secret(r, *t, prefix, "app_secret", account.app_secret);
    Secret(r, *t, prefix, "verify_token", account.verify_token);
    r.String(*t, prefix, "app_id", account.app_id);
    account.status = account.access_token.empty() ? core::ChannelStatus::kNotConnected
                                                  : core::ChannelStatus::kConnected;
    out.channels.push_back(std::move(account));
  }
}

void Read(Reader& r, const toml::table& root, WorkspaceFile& out) {
  r.OnlyKeys(root, "",
             {"slug", "company", "agent", "questions", "settings", "context", "catalog",
              "translations", "channels"});
  if (const toml::node* channels = root.get("channels")) ReadChannels(r, *channels, out);
  r.String(root, "", "slug", out.slug);
  if (out.slug.empty()) {
    r.Problem("slug", "is required (the workspace's name in URLs: a-z, 0-9 and -)");
  } else if (!core::IsValidSlug(out.slug)) {
    r.Problem(root.get("slug")->source(), "slug",
              "use 1 to 63 of a-z, 0-9 and - (not at the ends)");
  }
  core::AgentConfig& c = out.config;
  if (const toml::table* company = r.Table(root, "company")) {
    r.OnlyKeys(*company, "company.", {"name", "industry", "website", "social_links"});
    r.String(*company, "company.", "name", c.company_name);
    r.String(*company, "company.", "industry", c.industry);
    r.String(*company, "company.", "website", c.website);
    r.Strings(*company, "company.", "social_links", c.social_links);
  }
  if (const toml::table* agent = r.Table(root, "agent")) ReadAgent(r, *agent, out);
  if (const toml::node* questions = root.get("questions")) ReadQuestions(r, *questions, c);
  if (const toml::table* settings = r.Table(root, "settings")) ReadSettings(r, *settings, c);
  if (const toml::table* context = r.Table(root, "context")) ReadContext(r, *context, c);
  if (const toml::table* translations = r.Table(root, "translations")) {
    ReadTranslations(r, *translations, c);
  }
  if (const toml::table* catalog = r.Table(root, "catalog")) {
    r.OnlyKeys(*catalog, "catalog.", {"csv", "xlsx", "sheet"});
    std::string csv;
    std::string xlsx;
    std::string sheet;
    r.String(*catalog, "catalog.", "csv", csv);
    r.String(*catalog, "catalog.", "xlsx", xlsx);
    r.String(*catalog, "catalog.", "sheet", sheet);
    if (!csv.empty() && !xlsx.empty()) r.Problem("catalog", "give csv or xlsx, not both");
    if (!sheet.empty() && xlsx.empty()) r.Problem("catalog.sheet", "names a sheet of xlsx");
    if (!csv.empty() || !xlsx.empty()) {
      out.catalog_file = r.path().parent_path() / (csv.empty() ? xlsx : csv);
    }
    if (!sheet.empty()) out.catalog_sheet = sheet;
  }
}

// Maps the configuration's field names to the file's keys ("social_links[2]" ->
// "company.social_links[2]"): the name before any index or dot is mapped, the rest kept.
std::string FileKey(const std::string& field) {
  static constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
      {"company_name", "company.name"},
      {"industry", "company.industry"},
      {"website", "company.website"},
      {"social_links", "company.social_links"},
      {"agent_name", "agent.name"},
      {"communication_style", "agent.communication_style"},
      {"greeting", "agent.greeting"},
      {"workflow", "agent.workflow"},
      {"handoff_message", "agent.handoff_message"},
      {"resume_notice", "agent.resume_notice"},
      {"qualified_message", "agent.qualified_message"},
      {"pause", "settings.pause"},
      {"debounce", "settings.debounce"},
      {"ask_contact_details", "settings.ask_contact_details"},
      {"business_context", "context"},
  };
  const std::size_t end = field.find_first_of("[.");
  const std::string_view name = std::string_view(field).substr(0, end);
  for (const auto& [from, to] : kKeys) {
    if (name == from) return std::string(to) + field.substr(name.size());
  }
  return field;
}

}  // namespace

base::Result<WorkspaceFile> ReadWorkspaceFile(const std::filesystem::path& path) {
  Reader reader(path);
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return base::Error::InvalidArgument("cannot read workspace file '" + path.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  WorkspaceFile out;
  try {
    const toml::table root = toml::parse(text.str(), path.string());
    Read(reader, root, out);
  } catch (const toml::parse_error& e) {
    reader.Problem(e.source(), "syntax", std::string(e.description()));
  }
  if (reader.problems().empty()) {
    for (const core::FieldError& e : core::ValidateForPublish(out.config)) {
      reader.Problem(FileKey(e.field), e.message);
    }
  }
  if (reader.problems().empty()) return out;
  std::string message;
  for (const std::string& p : reader.problems()) message += (message.empty() ? "" : "\n") + p;
  return base::Error::InvalidArgument(message);
}

}  // namespace app
