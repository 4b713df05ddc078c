// The CRM's reads on a large workspace: each inbox tab and filter, deep cursor pages, history
// pages, search, unread counts, through core::Crm on SQLite (target: p99 < 20 ms per request).
//
//   build/bench/inbox_bench [conversations=100000] [messages per conversation=20]
//
// The workspace is written straight into the tables (the triggers of migration 8 fill the search
// index), shaped like a busy shop: four channels, 80% of conversations open, 10% unread, 1% with
// the label "vip", messages drawn from a vocabulary of a few hundred words.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRequests = 300;  // per scenario
constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr const char* kChannels[] = {"whatsapp", "messenger", "instagram", "web"};

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

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
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

// Times `request` kRequests times (i = 0, 1, ...) and prints p50, p99 and max in ms.
void Measure(const char* name, const std::function<bool(int)>& request) {
  std::vector<double> ms;
  for (int i = 0; i < kRequests; ++i) {
    const auto start = Clock::now();
    if (!request(i)) {
      std::fprintf(stderr, "%s: the request failed\n", name);
      std::exit(1);
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("| %-44s | %7.2f | %7.2f | %7.2f |\n", name, ms[ms.size() / 2],
              ms[ms.size() * 99 / 100], ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each row as soon as it is measured
  const int conversations = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const int messages_each = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  const fs::path dir = fs::temp_directory_path() / ("inbox_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "bench.db").string();
  {
    auto created = store::SqliteStore::Open(path);
    if (!created.ok() || !(*created)->CreateWorkspace("shop").ok()) return 1;
  }
  const auto fill_start = Clock::now();
  Fill(path, conversations, messages_each);
  std::printf("%d conversations, %lld messages written in %.0f s, ", conversations,
              static_cast<long long>(conversations) * messages_each,
              std::chrono::duration<double>(Clock::now() - fill_start).count());
  auto opened = store::SqliteStore::Open(path);
  if (!opened.ok()) return 1;
  core::Crm& crm = **opened;
  // The messages were written around the store: the first search indexes them all.
  const auto index_start = Clock::now();
  if (!crm.ListConversations(1, {.search = "hello"}, std::nullopt, 1).ok()) return 1;
  std::printf("indexed for search in %.0f s\n\n",
              std::chrono::duration<double>(Clock::now() - index_start).count());
  std::mt19937_64 random(11);
  const auto any_conversation = [&] {
    return 1 + static_cast<std::int64_t>(random() % conversations);
  };
  const auto list = [&](const core::ConversationFilter& filter,
                        const std::optional<core::ConversationCursor>& after = std::nullopt) {
    return crm.ListConversations(1, filter, after, 50).ok();
  };
  // The cursors of the open tab's first 200 pages, to time pages deep in the list.
  std::vector<core::ConversationCursor> deep;
  for (std::optional<core::ConversationCursor> cursor; deep.size() < 200;) {
    auto page = crm.ListConversations(1, {}, cursor, 50);
    if (!page.ok()) return 1;
    if (!page->next) break;
    deep.push_back(*page->next);
    cursor = page->next;
  }

  std::printf("| request (limit 50) | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- |\n");
  Measure("open, all channels, first page", [&](int) { return list({}); });
  Measure("open, one channel, first page",
          [&](int i) { return list({.channel = static_cast<core::Channel>(i % 4)}); });
  Measure("open, all channels, a page up to 200 deep", [&](int i) {
    return deep.empty() || list({}, deep[static_cast<std::size_t>(i) % deep.size()]);
  });
  Measure("open, unread, all channels", [&](int) { return list({.unread_only = true}); });
  Measure("open, unread, one channel", [&](int i) {
    return list({.channel = static_cast<core::Channel>(i % 4), .unread_only = true});
  });
  Measure("spam folder", [&](int) { return list({.folder = core::Folder::kSpam}); });
  Measure("label vip (1% of contacts)", [&](int) { return list({.label = "vip"}); });
  Measure("unread counts", [&](int) { return crm.CountUnread(1, core::Folder::kOpen).ok(); });
  Measure("one summary", [&](int) { return crm.LoadSummary(1, any_conversation()).ok(); });
  Measure("history, newest page",
          [&](int) { return crm.ListMessages(1, any_conversation(), std::nullopt, 50).ok(); });
  Measure("history, page before a message", [&](int) {
    const std::int64_t c = any_conversation();
    return crm.ListMessages(1, c, (c - 1) * messages_each + messages_each / 2 + 1, 50).ok();
  });
  Measure("search a contact name",
          [&](int) { return list({.search = "Customer " + std::to_string(any_conversation())}); });
  // Words of the vocabulary by how many messages (conversations) of 2,000,000 (100,000) hold them.
  for (const auto& [what, word] : std::vector<std::pair<const char*, std::string>>{
           {"search a word in 626k messages (100k conv.)", "price"},
           {"search a 3-letter prefix of that word", "pri"},
           {"search a word in 78k messages (55k conv.)", "tomorrow"},
           {"search a word in 48k messages (38k conv.)", "item5"},
           {"search a word in 31k messages (27k conv.)", "item10"},
           {"search a word in 14k messages (13k conv.)", "item20"},
           {"search a word in 2.6k messages", "item40"},
           {"search a word in none", "item350"}}) {
    Measure(what, [&](int) { return list({.search = word}); });
  }
  opened->reset();
  fs::remove_all(dir);
  return 0;
}
