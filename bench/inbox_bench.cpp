// The CRM's inbox and history endpoints on a large workspace, through the real binary: each inbox
// tab and filter, deep cursor pages, history pages, search, unread counts (target: p99 < 20 ms
// per request, measured at the client over one kept-alive connection).
//
//   inbox_bench --binary build/src/frontdesk [--conversations 100000] [--messages 20]
//               [--requests 300] [--postgres URL]
//
// --postgres moves the seeded workspace into that empty PostgreSQL database (`frontdesk migrate
// --from`) and serves it from there (bench/run-inbox makes a throwaway one).
//
// The seeding tool writes the workspace straight into the tables (the triggers of migration 8
// fill the search index), shaped like a busy shop: four channels, 80% of conversations open, 10%
// unread, 1% with the label "vip", messages drawn from a vocabulary of a few hundred words. Then
// `frontdesk user add` gives it an owner, `frontdesk serve` serves it, and the owner signs in.
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.h"
#include "testing/serve_process.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr const char* kChannels[] = {"whatsapp", "messenger", "instagram", "web"};
constexpr const char* kOwner = "owner@shop.example";
constexpr const char* kPassword = "a long enough secret";

// Words of customer and agent messages, common ones first (picked with a skewed distribution).
std::vector<std::string> Vocabulary() {
  std::vector<std::string> words = {
      "hi",     "hello", "the",   "you",   "is",     "do",     "have",   "price",   "order",
      "thanks", "size",  "stock", "ship",  "return", "when",   "where",  "open",    "store",
      "color",  "blue",  "red",   "green", "mug",    "plate",  "napkin", "linen",   "ceramic",
      "gift",   "card",  "help",  "human", "person", "please", "today",  "tomorrow"};
  for (int i = 0; i < 400; ++i) words.push_back("item" + std::to_string(i));
  return words;
}

// What ends a run early: its message is printed, and the run's temporary files go.
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw Failure(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  Check(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), db, sql);
  return stmt;
}

void Run(sqlite3* db, sqlite3_stmt* stmt, const char* what) {
  Check(sqlite3_step(stmt), db, what);
  sqlite3_reset(stmt);
}

// Writes the workspace (id 1, created by the store) with `conversations` conversations.
void Fill(const std::string& path, int conversations, int messages_each) {
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db, "open");
  Check(sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr), db, "begin");
  auto* contact = Prepare(db,
                          "INSERT INTO contacts (id, workspace_id, channel, external_id,"
                          " display_name) VALUES (?1, 1, ?2, ?3, ?4)");
  auto* conversation = Prepare(
      db,
      "INSERT INTO conversations (id, workspace_id, contact_id, channel, folder, mode, epoch,"
      " greeted, unanswered_streak, version, account_id, last_activity_ms, last_message_id,"
      " unread_count) VALUES (?1, 1, ?1, ?2, ?3, 'ai', 0, 1, 0, 1, '', ?4, ?5, ?6)");
  auto* message = Prepare(db,
                          "INSERT INTO messages (id, workspace_id, conversation_id, author, text,"
                          " at_ms, epoch, delivery, delivery_error) VALUES (?1, 1, ?2, ?3, ?4,"
                          " ?5, 0, 'none', '')");
  auto* label = Prepare(db,
                        "INSERT INTO contact_labels (workspace_id, contact_id, position, label)"
                        " VALUES (1, ?1, 0, 'vip')");
  const std::vector<std::string> words = Vocabulary();
  std::mt19937_64 random(7);
  std::geometric_distribution<int> word_rank(0.08);
  std::int64_t message_id = 0;
  for (int c = 1; c <= conversations; ++c) {
    const int roll = static_cast<int>(random() % 100);
    const char* folder = roll < 80   ? "open"
                         : roll < 90 ? "solved"
                         : roll < 95 ? "spam"
                                     : "archived";
    const char* channel = kChannels[random() % 4];
    const std::int64_t start = kT0 + static_cast<std::int64_t>(random() % 90'000'000'000);
    sqlite3_bind_int64(contact, 1, c);
    sqlite3_bind_text(contact, 2, channel, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact, 3, ("ext-" + std::to_string(c)).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact, 4, ("Customer " + std::to_string(c)).c_str(), -1, SQLITE_TRANSIENT);
    Run(db, contact, "contact");
    if (c % 100 == 0) {
      sqlite3_bind_int64(label, 1, c);
      Run(db, label, "label");
    }
    for (int m = 0; m < messages_each; ++m) {
      std::string text;
      const int length = 3 + static_cast<int>(random() % 12);
      for (int w = 0; w < length; ++w) {
        text += (w ? " " : "") + words[std::min<std::size_t>(word_rank(random), words.size() - 1)];
      }
      sqlite3_bind_int64(message, 1, ++message_id);
      sqlite3_bind_int64(message, 2, c);
      sqlite3_bind_text(message, 3, m % 2 == 0 ? "customer" : "ai", -1, SQLITE_STATIC);
      sqlite3_bind_text(message, 4, text.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(message, 5, start + m * 30'000);
      Run(db, message, "message");
    }
    sqlite3_bind_int64(conversation, 1, c);
    sqlite3_bind_text(conversation, 2, channel, -1, SQLITE_STATIC);
    sqlite3_bind_text(conversation, 3, folder, -1, SQLITE_STATIC);
    sqlite3_bind_int64(conversation, 4, start + (messages_each - 1) * 30'000);
    sqlite3_bind_int64(conversation, 5, message_id);
    sqlite3_bind_int64(conversation, 6, random() % 10 == 0 ? 1 + random() % 3 : 0);
    Run(db, conversation, "conversation");
  }
  for (auto* s : {contact, conversation, message, label}) sqlite3_finalize(s);
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_close(db);
}

// Seeds `path`: the workspace "shop" of `conversations` conversations, indexed for search, and
// its owner.
bool Seed(const std::string& path, int conversations, int messages_each) {
  {
    auto created = store::OpenDatabase("sqlite:" + path, {});
    if (!created.ok() || !(*created)->store().CreateWorkspace("shop").ok()) return false;
  }
  const auto fill_start = Clock::now();
  Fill(path, conversations, messages_each);
  std::printf("%d conversations, %lld messages written in %.0f s, ", conversations,
              static_cast<long long>(conversations) * messages_each,
              std::chrono::duration<double>(Clock::now() - fill_start).count());
  // The messages were written around the store: the first search indexes them all.
  auto opened = store::OpenDatabase("sqlite:" + path, {});
  if (!opened.ok()) return false;
  const auto index_start = Clock::now();
  core::Crm& crm = (*opened)->crm();
  if (!crm.ListConversations(1, {.search = "hello"}, std::nullopt, 1).ok()) return false;
  std::printf("indexed for search in %.0f s\n\n",
              std::chrono::duration<double>(Clock::now() - index_start).count());
  return true;
}

// Times `request` `requests` times (i = 0, 1, ...) and prints p50, p99 and max in ms.
void Measure(const char* name, int requests, const std::function<bool(int)>& request) {
  std::vector<double> ms;
  for (int i = 0; i < requests; ++i) {
    const auto start = Clock::now();
    if (!request(i)) throw Failure(std::string(name) + ": the request failed");
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("| %-58s | %7.2f | %7.2f | %7.2f |\n", name, ms[ms.size() / 2],
              ms[ms.size() * 99 / 100], ms.back());
}

// "N messages in M conversations": what the search index finds for the start of `word`.
std::string Matches(const std::string& db, const std::string& word) {
  sqlite3* index = nullptr;
  Check(sqlite3_open_v2(db.c_str(), &index, SQLITE_OPEN_READONLY, nullptr), index, "open");
  auto* count = Prepare(index,
                        "SELECT COUNT(*), COUNT(DISTINCT rowid >> 32) FROM message_search"
                        " WHERE message_search MATCH ?1");
  sqlite3_bind_text(count, 1, ("\"" + word + "\"*").c_str(), -1, SQLITE_TRANSIENT);
  Check(sqlite3_step(count), index, "count");
  const std::string found = std::to_string(sqlite3_column_int64(count, 0)) + " messages in " +
                            std::to_string(sqlite3_column_int64(count, 1)) + " conversations";
  sqlite3_finalize(count);
  sqlite3_close(index);
  return found;
}

// Gives the workspace its owner through the CLI (the password on stdin).
bool AddOwner(const std::string& binary, const std::string& db) {
  const std::string command = "'" + binary + "' user add --db '" + db +
                              "' --workspace shop --email " + kOwner + " --role owner > /dev/null";
  FILE* cli = ::popen(command.c_str(), "w");
  if (cli == nullptr) return false;
  std::fprintf(cli, "%s\n", kPassword);
  if (::pclose(cli) == 0) return true;
  std::fprintf(stderr, "inbox_bench: frontdesk user add failed\n");
  return false;
}

// Signs the owner in; the session cookie, or "" when refused.
std::string SignIn(httplib::Client& client) {
  const nlohmann::json credentials = {{"email", kOwner}, {"password", kPassword}};
  auto res = client.Post("/api/v1/auth/login", credentials.dump(), "application/json");
  if (!res || res->status != 200) return "";
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

}  // namespace

// A directory removed with everything in it when the run ends, however it ends.
struct TemporaryDirectory {
  fs::path path;
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
};

int Run(std::string binary, std::string db, const std::string& postgres, int conversations,
        int messages_each, int requests);

int main(int argc, char** argv) {
  CLI::App cli{"The CRM's inbox and history endpoints on a large workspace"};
  std::string binary;
  int conversations = 100'000;
  int messages_each = 20;
  int requests = 300;
  std::string db;
  std::string postgres;
  cli.add_option("--binary", binary, "the frontdesk executable")->required();
  cli.add_option("--postgres", postgres, "serve from this empty PostgreSQL database instead");
  cli.add_option("--db", db, "seed this database and keep it; an existing one is used as it is");
  cli.add_option("--conversations", conversations)->check(CLI::Range(1, 10'000'000));
  cli.add_option("--messages", messages_each, "per conversation")->check(CLI::Range(2, 1000));
  cli.add_option("--requests", requests, "per row")->check(CLI::Range(1, 100'000));
  CLI11_PARSE(cli, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each row as soon as it is measured
  try {
    return Run(binary, db, postgres, conversations, messages_each, requests);
  } catch (const Failure& failure) {
    std::fprintf(stderr, "inbox_bench: %s\n", failure.what());
    return 1;
  }
}

int Run(std::string binary, std::string db, const std::string& postgres, int conversations,
        int messages_each, int requests) {
  TemporaryDirectory temporary;  // when no --db was given
  if (db.empty()) {
    temporary.path = fs::temp_directory_path() / ("inbox_bench_" + std::to_string(::getpid()));
    fs::create_directories(temporary.path);
    db = (temporary.path / "bench.db").string();
  }
  if (fs::exists(db)) {
    // Seeded by an earlier run: its own size counts.
    sqlite3* existing = nullptr;
    Check(sqlite3_open_v2(db.c_str(), &existing, SQLITE_OPEN_READONLY, nullptr), existing,
          db.c_str());
    auto* count = Prepare(
        existing, "SELECT (SELECT COUNT(*) FROM conversations), (SELECT COUNT(*) FROM messages)");
    Check(sqlite3_step(count), existing, "count");
    conversations = sqlite3_column_int(count, 0);
    messages_each = conversations ? sqlite3_column_int(count, 1) / conversations : 0;
    sqlite3_finalize(count);
    sqlite3_close(existing);
    std::printf("%s as seeded: %d conversations of %d messages\n\n", db.c_str(), conversations,
                messages_each);
    if (conversations == 0) return 1;
  } else {
    // Seeded under another name first: a run that stops halfway leaves no file a later run with
    // the same --db would take for a seeded workspace.
    const std::string seeding = db + ".seeding";
    fs::remove(seeding);
    if (!Seed(seeding, conversations, messages_each) || !AddOwner(binary, seeding)) return 1;
    fs::rename(seeding, db);
  }
  // How many messages and conversations each searched word finds (a word matches as the start
  // of words: "item5" finds "item52" too), counted before the server starts.
  std::vector<std::pair<std::string, std::string>> searches;
  for (const char* word :
       {"price", "pri", "tomorrow", "item5", "item10", "item20", "item40", "item350"}) {
    searches.emplace_back(word, "search \"" + std::string(word) + "\": " + Matches(db, word));
  }
  std::string served = "sqlite:" + db;
  if (!postgres.empty()) {
    const auto started = Clock::now();
    const std::string move = binary + " migrate --db '" + postgres + "' --from '" + served + "'";
    if (std::system(move.c_str()) != 0) return 1;
    std::printf("moved into PostgreSQL in %.0f s\n\n",
                std::chrono::duration<double>(Clock::now() - started).count());
    served = postgres;
  }
  testing_support::ServeProcess server(
      binary, {{"FRONTDESK_DATABASE_URL", served}, {"FRONTDESK_SERVER_PORT", "0"}});
  if (!server.Start()) {
    std::fprintf(stderr, "inbox_bench: the server did not start\n");
    return 1;
  }
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_read_timeout(std::chrono::seconds{30});
  const std::string cookie = SignIn(client);
  if (cookie.empty()) {
    std::fprintf(stderr, "inbox_bench: the owner could not sign in\n");
    return 1;
  }
  const httplib::Headers headers = {{"Cookie", cookie}};
  const std::string base = "/api/v1/workspaces/shop/conversations";
  const auto get = [&](const std::string& target) {
    auto res = client.Get(target, headers);
    return res && res->status == 200;
  };
  const auto list = [&](const std::string& query) { return get(base + "?limit=50" + query); };

  std::mt19937_64 random(11);
  const auto any_conversation = [&] {
    return std::to_string(1 + static_cast<std::int64_t>(random() % conversations));
  };
  // The cursors of the open tab's first 200 pages, to time pages deep in the list.
  std::vector<std::string> deep;
  for (std::string cursor; deep.size() < 200;) {
    auto res =
        client.Get(base + "?limit=50" + (cursor.empty() ? "" : "&cursor=" + cursor), headers);
    if (!res || res->status != 200) return 1;
    const auto next = nlohmann::json::parse(res->body).at("next_cursor");
    if (next.is_null()) break;
    cursor = next.get<std::string>();  // digits and a dot: no escaping needed
    deep.push_back(cursor);
  }
  const char* const channels[] = {"whatsapp", "messenger", "instagram", "web"};
  const auto channel = [&](int i) { return std::string("&channel=") + channels[i % 4]; };

  std::printf("| GET (limit 50) | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- |\n");
  Measure("open, all channels, first page", requests, [&](int) { return list(""); });
  Measure("open, one channel, first page", requests, [&](int i) { return list(channel(i)); });
  Measure("open, all channels, a page up to 200 deep", requests, [&](int i) {
    return deep.empty() || list("&cursor=" + deep[static_cast<std::size_t>(i) % deep.size()]);
  });
  Measure("open, unread, all channels", requests, [&](int) { return list("&unread=true"); });
  Measure("open, unread, one channel", requests,
          [&](int i) { return list(channel(i) + "&unread=true"); });
  Measure("spam folder", requests, [&](int) { return list("&folder=spam"); });
  Measure("label vip (1% of contacts)", requests, [&](int) { return list("&label=vip"); });
  Measure("unread counts", requests, [&](int) { return get(base + "/unread"); });
  Measure("one conversation", requests, [&](int) { return get(base + "/" + any_conversation()); });
  Measure("history, newest page", requests,
          [&](int) { return get(base + "/" + any_conversation() + "/messages?limit=50"); });
  Measure("history, page before a message", requests, [&](int) {
    const std::int64_t c = 1 + static_cast<std::int64_t>(random() % conversations);
    const std::int64_t before = (c - 1) * messages_each + messages_each / 2 + 1;
    return get(base + "/" + std::to_string(c) +
               "/messages?limit=50&before=" + std::to_string(before));
  });
  Measure("search a contact name", requests,
          [&](int) { return list("&q=Customer%20" + any_conversation()); });
  for (const auto& [word, what] : searches) {
    Measure(what.c_str(), requests, [&](int) { return list("&q=" + word); });
  }
  server.Terminate();
  return 0;
}
