// The inbox's lists: order, keyset paging, filters, search, unread counts, and workspace
// isolation (core::Crm::ListConversations, CountUnread, LoadSummary).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/crm_fixture.h"

namespace store {
namespace {

using InboxListTest = CrmStoreTest;
using core::Author;
using core::Channel;

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr const char* kUser = "bea@shop.example";

// Every page of the list `filter` selects, `limit` at a time.
std::vector<std::int64_t> AllPages(core::Crm& crm, std::int64_t ws,
                                   const core::ConversationFilter& filter, std::size_t limit,
                                   int* pages = nullptr) {
  std::vector<std::int64_t> ids;
  std::optional<core::ConversationCursor> cursor;
  int count = 0;
  do {
    auto page = crm.ListConversations(ws, filter, cursor, limit);
    EXPECT_TRUE(page.ok()) << page.error().message;
    if (!page.ok()) break;
    EXPECT_LE(page->conversations.size(), limit);
    for (const auto& s : page->conversations) ids.push_back(s.id);
    cursor = page->next;
    ++count;
  } while (cursor && count < 1000);
  if (pages != nullptr) *pages = count;
  return ids;
}

TEST_P(InboxListTest, NewestActivityFirstWithoutConversationsThatHaveNoMessage) {
  const auto a = Open("a");
  const auto b = Open("b");
  const auto c = Open("c");
  Open("silent");  // a web chat visitor who never wrote, for instance
  Append(a, Author::kCustomer, "first", kT0);
  Append(b, Author::kCustomer, "second", kT0 + 10);
  Append(c, Author::kCustomer, "third", kT0 + 5);
  Append(a, Author::kAi, "a reply", kT0 + 20);
  auto page = crm().ListConversations(ws_, {}, std::nullopt, 50);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(Ids(*page), (std::vector<std::int64_t>{a, b, c}));
  EXPECT_EQ(page->next, std::nullopt);
}

TEST_P(InboxListTest, PagesAreExactWithoutDuplicatesOrGapsAlsoOnTies) {
  std::vector<std::pair<std::int64_t, std::int64_t>> expected;  // (activity, id)
  for (int i = 0; i < 23; ++i) {
    const auto id = Open("customer " + std::to_string(i));
    const std::int64_t at = kT0 + (i / 3) * 1000;  // three conversations per instant
    Append(id, Author::kCustomer, "hello", at);
    expected.push_back({at, id});
  }
  std::sort(expected.rbegin(), expected.rend());
  std::vector<std::int64_t> want;
  for (const auto& [at, id] : expected) want.push_back(id);
  for (std::size_t limit : {1u, 3u, 4u, 7u, 23u, 50u}) {
    int pages = 0;
    EXPECT_EQ(AllPages(crm(), ws_, {}, limit, &pages), want) << "limit " << limit;
    EXPECT_EQ(pages, static_cast<int>((want.size() + limit - 1) / limit)) << "limit " << limit;
  }
}

TEST_P(InboxListTest, ACursorIsTheLastConversationOfItsPage) {
  const auto a = Open("a");
  const auto b = Open("b");
  Append(a, Author::kCustomer, "x", kT0 + 7);
  Append(b, Author::kCustomer, "y", kT0 + 3);
  auto page = crm().ListConversations(ws_, {}, std::nullopt, 1).value();
  ASSERT_EQ(Ids(page), std::vector<std::int64_t>{a});
  EXPECT_EQ(page.next, (core::ConversationCursor{base::FromMillis(kT0 + 7), a}));
  EXPECT_EQ(Ids(crm().ListConversations(ws_, {}, page.next, 1).value()),
            std::vector<std::int64_t>{b});
}

TEST_P(InboxListTest, FiltersByChannelFolderUnreadAndLabel) {
  const auto wa = Open("wa", Channel::kWhatsapp);
  const auto web = Open("web", Channel::kWeb);
  const auto ig = Open("ig", Channel::kInstagram);
  Append(wa, Author::kCustomer, "hi", kT0);
  Append(web, Author::kCustomer, "hi", kT0 + 1);
  Append(ig, Author::kCustomer, "hi", kT0 + 2);
  Append(ig, Author::kHumanCrm, "hello", kT0 + 3);  // read
  ASSERT_TRUE(crm()
                  .ChangeConversation(ws_, web, {core::Folder::kSpam, std::nullopt}, kUser,
                                      base::FromMillis(kT0))
                  .ok());
  const auto web_contact = crm().LoadSummary(ws_, web).value().contact_id;
  const auto ig_contact = crm().LoadSummary(ws_, ig).value().contact_id;
  ASSERT_TRUE(
      crm()
          .EditLead(ws_, ig_contact, {std::nullopt, std::vector<std::string>{"vip"}}, "bea", {})
          .ok());
  ASSERT_TRUE(
      crm()
          .EditLead(ws_, web_contact, {std::nullopt, std::vector<std::string>{"vip"}}, "bea", {})
          .ok());

  auto list = [&](core::ConversationFilter f) { return AllPages(crm(), ws_, f, 2); };
  EXPECT_EQ(list({}), (std::vector<std::int64_t>{ig, wa}));
  EXPECT_EQ(list({.channel = Channel::kWhatsapp}), std::vector<std::int64_t>{wa});
  EXPECT_EQ(list({.channel = Channel::kWeb}), std::vector<std::int64_t>{});
  EXPECT_EQ(list({.folder = core::Folder::kSpam}), std::vector<std::int64_t>{web});
  EXPECT_EQ(list({.channel = Channel::kWeb, .folder = core::Folder::kSpam}),
            std::vector<std::int64_t>{web});
  EXPECT_EQ(list({.unread_only = true}), std::vector<std::int64_t>{wa});
  EXPECT_EQ(list({.channel = Channel::kInstagram, .unread_only = true}),
            std::vector<std::int64_t>{});
  EXPECT_EQ(list({.label = "vip"}), std::vector<std::int64_t>{ig});
  EXPECT_EQ(list({.folder = core::Folder::kSpam, .label = "vip"}), std::vector<std::int64_t>{web});
  EXPECT_EQ(list({.unread_only = true, .label = "vip"}), std::vector<std::int64_t>{});
  EXPECT_EQ(list({.channel = Channel::kWhatsapp, .label = "vip"}), std::vector<std::int64_t>{});
  EXPECT_EQ(list({.label = "VIP"}), std::vector<std::int64_t>{});
}

TEST_P(InboxListTest, SearchFindsWordStartsInMessagesAndContactNamesIgnoringCaseAndAccents) {
  const auto cafe = Open("c1");
  const auto boots = Open("c2");
  const auto named = Open("+351911222333");
  Append(cafe, Author::kCustomer, "Do you sell CAFÉ beans?", kT0);
  Append(boots, Author::kCustomer, "I need hiking boots", kT0 + 1);
  Append(boots, Author::kAi, "We have boots in size 42", kT0 + 2);
  Append(named, Author::kCustomer, "hello", kT0 + 3);
  const auto contact = crm().LoadSummary(ws_, named).value().contact_id;
  ASSERT_TRUE(crm().EditLead(ws_, contact, {"Lucía Fernández", std::nullopt}, "bea", {}).ok());

  auto search = [&](std::string q) { return AllPages(crm(), ws_, {.search = std::move(q)}, 1); };
  EXPECT_EQ(search("cafe"), std::vector<std::int64_t>{cafe});
  EXPECT_EQ(search("Bean"), std::vector<std::int64_t>{cafe});
  EXPECT_EQ(search("boots"), std::vector<std::int64_t>{boots});  // two messages, one conversation
  EXPECT_EQ(search("hik boo"), std::vector<std::int64_t>{boots});
  EXPECT_EQ(search("hiking cafe"), std::vector<std::int64_t>{});  // every word must match
  EXPECT_EQ(search("lucia"), std::vector<std::int64_t>{named});
  EXPECT_EQ(search("fern"), std::vector<std::int64_t>{named});
  EXPECT_EQ(search("351911222333"), std::vector<std::int64_t>{});  // the old name is gone
  EXPECT_EQ(search("ean"), std::vector<std::int64_t>{});           // word starts only
  EXPECT_EQ(search("\"AND\" OR *"), std::vector<std::int64_t>{});  // no syntax gets through
  EXPECT_EQ(search("!!!"), std::vector<std::int64_t>{});
  // Non-ASCII punctuation inside a word splits it in the index: a phrase, never an error.
  EXPECT_EQ(search("need\u2014hik"), std::vector<std::int64_t>{boots});
  EXPECT_EQ(AllPages(crm(), ws_, {.unread_only = true, .search = "boots"}, 5),
            std::vector<std::int64_t>{boots});
  EXPECT_EQ(AllPages(crm(), ws_, {.channel = Channel::kWeb, .search = "boots"}, 5),
            std::vector<std::int64_t>{});
  EXPECT_EQ(AllPages(crm(), ws_, {.folder = core::Folder::kSolved, .search = "boots"}, 5),
            std::vector<std::int64_t>{});
}

TEST_P(InboxListTest, SearchPagesAreExactToo) {
  std::vector<std::int64_t> want;
  for (int i = 0; i < 10; ++i) {
    const auto id = Open("p" + std::to_string(i));
    Append(id, Author::kCustomer, "parcel " + std::to_string(i), kT0 + (i / 2));
    want.insert(want.begin(), id);  // newer activity, or the same and a higher id, first
  }
  EXPECT_EQ(AllPages(crm(), ws_, {.search = "parcel"}, 3), want);
}

// A word in thousands of messages is searched another way than a rare one on PostgreSQL (the list
// walked rather than the index's every match collected): the pages are the same.
TEST_P(InboxListTest, ACommonWordsSearchPagesAreExactToo) {
  std::vector<std::int64_t> want;
  std::vector<std::int64_t> quiet;
  for (int i = 0; i < 40; ++i) {
    const auto id = Open("c" + std::to_string(i));
    for (int m = 0; m < 70; ++m) {
      Append(id, Author::kCustomer, i % 4 == 3 ? "nothing here" : "parcel again",
             kT0 + (i / 2) * 100 + m);
    }
    (i % 4 == 3 ? quiet : want).insert((i % 4 == 3 ? quiet : want).begin(), id);
  }
  EXPECT_EQ(AllPages(crm(), ws_, {.search = "parc"}, 7), want);
  EXPECT_EQ(AllPages(crm(), ws_, {.unread_only = true, .search = "parcel"}, 7), want);
  EXPECT_EQ(AllPages(crm(), ws_, {.search = "nothing"}, 4), quiet);
}

TEST_P(InboxListTest, AnotherWorkspacesConversationsAreInvisible) {
  const std::int64_t other = store_->CreateWorkspace("other").value().id;
  const auto mine = Open("me");
  const auto theirs = Open("them", Channel::kWhatsapp, other);
  Append(mine, Author::kCustomer, "shared words", kT0);
  Append(theirs, Author::kCustomer, "shared words", kT0 + 1, other);
  const auto their_contact = crm().LoadSummary(other, theirs).value().contact_id;
  ASSERT_TRUE(
      crm()
          .EditLead(other, their_contact, {std::nullopt, std::vector<std::string>{"vip"}}, "x", {})
          .ok());

  EXPECT_EQ(AllPages(crm(), ws_, {}, 10), std::vector<std::int64_t>{mine});
  EXPECT_EQ(AllPages(crm(), ws_, {.search = "shared"}, 10), std::vector<std::int64_t>{mine});
  EXPECT_EQ(AllPages(crm(), ws_, {.search = "them"}, 10), std::vector<std::int64_t>{});
  EXPECT_EQ(AllPages(crm(), ws_, {.label = "vip"}, 10), std::vector<std::int64_t>{});
  EXPECT_EQ(AllPages(crm(), ws_, {.unread_only = true}, 10), std::vector<std::int64_t>{mine});
  auto summary = crm().LoadSummary(ws_, theirs);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(crm().CountUnread(ws_, core::Folder::kOpen).value().channels.at(Channel::kWhatsapp), 1);
}

TEST_P(InboxListTest, ASummaryShowsTheConversationItsContactAndItsLastMessage) {
  auto opened = store_->OpenConversation({ws_, Channel::kMessenger, "psid-9", "page-1"}, 0);
  ASSERT_TRUE(opened.ok());
  const auto id = opened->conversation.id;
  Append(id, Author::kCustomer, "one", kT0);
  Append(id, Author::kCustomer, "two", kT0 + 1);
  const core::Message last = Append(id, Author::kHumanCrm, "three", kT0 + 2);
  Append(id, Author::kCustomer, "four", kT0 + 3);
  ASSERT_TRUE(crm()
                  .ChangeConversation(ws_, id, {std::nullopt, core::Priority::kHigh}, kUser,
                                      base::FromMillis(kT0))
                  .ok());
  ASSERT_TRUE(crm()
                  .EditLead(ws_, opened->contact.id,
                            {"Ana", std::vector<std::string>{"vip", "returning"}}, "bea",
                            base::FromMillis(kT0))
                  .ok());

  const core::ConversationSummary s = crm().LoadSummary(ws_, id).value();
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.channel, Channel::kMessenger);
  EXPECT_EQ(s.account_id, "page-1");
  EXPECT_EQ(s.folder, core::Folder::kOpen);
  EXPECT_EQ(s.lease.mode, core::Mode::kAi);
  EXPECT_EQ(s.priority, core::Priority::kHigh);
  EXPECT_EQ(s.unread, 1);  // "four", after the reply
  EXPECT_EQ(s.labels, (std::vector<std::string>{"vip", "returning"}));
  EXPECT_EQ(s.contact_id, opened->contact.id);
  EXPECT_EQ(s.contact_name, "Ana");
  EXPECT_EQ(s.external_id, "psid-9");
  ASSERT_TRUE(s.last_message.has_value());
  EXPECT_EQ(s.last_message->id, last.id + 1);
  EXPECT_EQ(s.last_message->text, "four");
  EXPECT_EQ(s.last_message->author, Author::kCustomer);
  EXPECT_EQ(s.last_activity, base::FromMillis(kT0 + 3));
  const core::Message reply = crm().ListMessages(ws_, id, std::nullopt, 2).value().messages.at(1);
  EXPECT_EQ(reply.id, last.id);
  EXPECT_EQ(reply.user, "bea@shop.example");
}

TEST_P(InboxListTest, ASummaryWithoutMessagesHasNoActivity) {
  const auto id = Open("quiet");
  const core::ConversationSummary s = crm().LoadSummary(ws_, id).value();
  EXPECT_EQ(s.last_message, std::nullopt);
  EXPECT_EQ(s.last_activity, std::nullopt);
  EXPECT_EQ(s.unread, 0);
  EXPECT_TRUE(s.labels.empty());
}

TEST_P(InboxListTest, UnreadCountsConversationsPerChannelInAFolderAndPerFolder) {
  const auto wa1 = Open("wa1", Channel::kWhatsapp);
  const auto wa2 = Open("wa2", Channel::kWhatsapp);
  const auto web = Open("web", Channel::kWeb);
  const auto spam = Open("spam", Channel::kMessenger);
  const auto read = Open("read", Channel::kInstagram);
  for (auto id : {wa1, wa2, web, spam, read}) Append(id, Author::kCustomer, "hi", kT0);
  Append(wa1, Author::kCustomer, "again", kT0 + 1);  // still one conversation
  ASSERT_TRUE(crm().MarkRead(ws_, read).ok());
  ASSERT_TRUE(crm()
                  .ChangeConversation(ws_, spam, {core::Folder::kSpam, std::nullopt}, kUser,
                                      base::FromMillis(kT0))
                  .ok());

  const core::UnreadCounts open = crm().CountUnread(ws_, core::Folder::kOpen).value();
  EXPECT_EQ(open.channels, (std::map<Channel, std::int64_t>{{Channel::kWhatsapp, 2},
                                                            {Channel::kMessenger, 0},
                                                            {Channel::kInstagram, 0},
                                                            {Channel::kWeb, 1}}));
  EXPECT_EQ(open.folders, (std::map<core::Folder, std::int64_t>{{core::Folder::kOpen, 3},
                                                                {core::Folder::kSolved, 0},
                                                                {core::Folder::kSpam, 1},
                                                                {core::Folder::kArchived, 0}}));
  const core::UnreadCounts in_spam = crm().CountUnread(ws_, core::Folder::kSpam).value();
  EXPECT_EQ(in_spam.channels.at(Channel::kMessenger), 1);
  EXPECT_EQ(in_spam.channels.at(Channel::kWhatsapp), 0);
}

TEST_P(InboxListTest, ALimitOfZeroIsAnEmptyPage) {
  Append(Open("a"), Author::kCustomer, "x", kT0);
  auto page = crm().ListConversations(ws_, {}, std::nullopt, 0).value();
  EXPECT_TRUE(page.conversations.empty());
  EXPECT_EQ(page.next, std::nullopt);
}

FRONTDESK_ON_BOTH_BACKENDS(InboxListTest);

}  // namespace
}  // namespace store
