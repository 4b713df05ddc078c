#include "app/commands.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/chat_command.h"
#include "app/init.h"
#include "app/nlu_command.h"
#include "app/serve_command.h"
#include "app/user_command.h"
#include "store/database.h"
#include "store/move_to_postgres.h"

namespace app {
namespace {

int Init(const std::string& db, const std::string& config, std::ostream& out, std::ostream& err) {
  auto file = ReadWorkspaceFile(config);
  if (!file.ok()) {
    err << file.error().message << '\n';
    return 1;
  }
  auto database = store::OpenDatabase(db, {});
  if (!database.ok()) {
    err << "frontdesk init: " << database.error().message << '\n';
    return 1;
  }
  auto report = InitWorkspace((*database)->store(), (*database)->channel_accounts(), *file);
  if (!report.ok()) {
    err << report.error().message << '\n';
    return 1;
  }
  out << (report->created ? "created" : "updated") << " workspace '" << report->workspace.slug
      << "' and published version " << report->version;
  if (report->products) out << " with " << *report->products << " products";
  out << '\n';
  return 0;
}

// --db, or FRONTDESK_DATABASE_URL when it is not given.
void AddDatabaseOption(CLI::App& command, std::string& url) {
  command
      .add_option("--db", url,
                  "database: sqlite:PATH (a file, created when missing), a bare path, or "
                  "postgres://USER@HOST/NAME")
      ->envname("FRONTDESK_DATABASE_URL")
      ->required();
}

// What `frontdesk migrate` takes besides --db.
struct MigrateOptions {
  std::string from;   // a SQLite database to move into --db; "" to migrate --db alone
  std::string media;  // where its media files are; "" for "media" beside it
};

int Move(const std::string& db, const MigrateOptions& options, std::ostream& out,
         std::ostream& err) {
  auto moved = store::MoveToPostgres(options.from, db, options.media);
  if (!moved.ok()) {
    err << "frontdesk migrate: " << moved.error().message << '\n';
    return 1;
  }
  std::int64_t rows = 0;
  for (const auto& [table, count] : moved->rows) rows += count;
  out << "moved " << moved->rows["workspaces"] << " workspace(s), " << moved->rows["conversations"]
      << " conversation(s), " << moved->rows["messages"] << " message(s) (" << rows
      << " rows in all) and " << moved->files
      << " media file(s); serve from the new database now, and keep the old file as a backup\n";
  return 0;
}

int Migrate(const std::string& db, const MigrateOptions& options, std::ostream& out,
            std::ostream& err) {
  if (!options.from.empty()) return Move(db, options, out, err);
  auto version = store::MigrateDatabase(db);
  if (!version.ok()) {
    err << "frontdesk migrate: " << version.error().message << '\n';
    return 1;
  }
  out << "the database is at schema version " << *version << '\n';
  return 0;
}

}  // namespace

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  CLI::App cli{"frontdesk: a self-hostable AI front desk for WhatsApp, Instagram and Messenger"};
  cli.require_subcommand(1);

  std::string db;
  std::string config;
  CLI::App* init =
      cli.add_subcommand("init", "create or update a workspace from a file and publish it");
  AddDatabaseOption(*init, db);
  init->add_option("--config", config, "workspace file (TOML), see examples/")->required();

  CLI::App* migrate = cli.add_subcommand(
      "migrate",
      "bring a database's schema up to date (serve does it too; safe to run at once), or move "
      "a SQLite installation into an empty PostgreSQL database (--from)");
  AddDatabaseOption(*migrate, db);
  MigrateOptions migrate_options;
  migrate->add_option("--from", migrate_options.from,
                      "sqlite:PATH: copy everything it holds into --db (stop its serve first)");
  migrate->add_option("--media", migrate_options.media,
                      "where the SQLite installation keeps media files (default: media beside it)");

  ChatCommandOptions chat_options;
  CLI::App* chat = cli.add_subcommand("chat", "talk to a workspace's agent as a customer");
  AddDatabaseOption(*chat, chat_options.db);
  chat->add_option("--workspace", chat_options.workspace, "workspace slug")->required();
  chat->add_option("--customer", chat_options.customer, "the customer's id")->capture_default_str();
  chat->add_option("--channel", chat_options.channel, "the channel the customer writes on")
      ->check(CLI::IsMember({"web", "whatsapp", "messenger", "instagram"}))
      ->capture_default_str();
  chat->add_flag("--json", chat_options.json, "one JSON object per line");
  chat->add_option("--brain", chat_options.brain,
                   "local, or llm (the model of FRONTDESK_LLM_*); default: the workspace's")
      ->check(CLI::IsMember({"local", "llm"}));

  ServeOptions serve_options;
  CLI::App* serve = cli.add_subcommand(
      "serve", "serve the Meta webhooks, the web chat, /healthz, /readyz and /metrics");
  serve->add_option("--config", serve_options.config, "frontdesk.toml (see examples/)");

  UserAddOptions user_options;
  CLI::App* user = cli.add_subcommand("user", "manage the people who use a workspace's CRM");
  user->require_subcommand(1);
  CLI::App* user_add = user->add_subcommand(
      "add",
      "give a person access to a workspace (a new user's password: the first line of stdin)");
  AddDatabaseOption(*user_add, user_options.db);
  user_add->add_option("--workspace", user_options.workspace, "workspace slug")->required();
  user_add->add_option("--email", user_options.email, "the person's email")->required();
  user_add->add_option("--role", user_options.role, "owner | collaborator")->required();

  CLI::App* nlu = cli.add_subcommand(
      "nlu", "read {\"text\": ...} lines on stdin, write the local brain's reading of each");
  NluOptions nlu_options;
  nlu->add_option("--context", nlu_options.context,
                  "a business context file: also say which sentences would answer");
  nlu->add_option("--catalog", nlu_options.catalog,
                  "a catalog file (CSV or .xlsx): also say which products would answer");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e, out, err) == 0 ? 0 : 2;
  }
  if (*init) return Init(db, config, out, err);
  if (*migrate) return Migrate(db, migrate_options, out, err);
  if (*chat) return RunChat(chat_options, in, out, err);
  if (*nlu) return RunNlu(nlu_options, in, out, err);
  if (*serve) return RunServe(serve_options, out, err);
  if (*user_add) return RunUserAdd(user_options, in, out, err);
  return 2;
}

}  // namespace app
