// A store fixture with helpers that fill the inbox: conversations with messages, committed as the
// engine would commit them. CrmStoreTest runs on both backends (TEST_P), SqliteCrmStoreTest on
// the embedded one.
#pragma once

#include <string>
#include <vector>

#include "core/crm.h"
#include "store/store_fixture.h"

namespace store {

template <typename Fixture>
class CrmHelpers : public Fixture {
 protected:
  using Fixture::crm_;
  using Fixture::store_;
  using Fixture::ws_;

  core::Crm& crm() { return *crm_; }

  // The conversation of `customer` on `channel` in `ws`, created when new.
  std::int64_t Open(const std::string& customer, core::Channel channel = core::Channel::kWhatsapp,
                    std::int64_t ws = 0) {
    auto s = store_->OpenConversation({ws == 0 ? ws_ : ws, channel, customer, ""}, 0);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? s->conversation.id : 0;
  }

  // Commits one decision appending `author`'s `text` at `at_ms` (a human_crm message by
  // "bea@shop.example"); returns the stored message.
  core::Message Append(std::int64_t conversation_id, core::Author author, const std::string& text,
                       std::int64_t at_ms, std::int64_t ws = 0) {
    ws = ws == 0 ? ws_ : ws;
    core::Decision d;
    d.conversation = store_->LoadConversation(ws, conversation_id, 0).value().conversation;
    core::Message m{0, 0, author, text, base::FromMillis(at_ms), 0};
    if (author == core::Author::kHumanCrm) m.user = "bea@shop.example";
    d.messages.push_back(m);
    auto stored = store_->Commit(ws, d);
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? stored->messages.front() : core::Message{};
  }

  // The ids of a page, in order.
  static std::vector<std::int64_t> Ids(const core::ConversationPage& page) {
    std::vector<std::int64_t> ids;
    for (const core::ConversationSummary& s : page.conversations) ids.push_back(s.id);
    return ids;
  }
};

using CrmStoreTest = CrmHelpers<StoreTest>;
using SqliteCrmStoreTest = CrmHelpers<SqliteStoreTest>;

}  // namespace store
