#include "workflow/chain.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace workflow {

core::ConversationSnapshot After(core::ConversationSnapshot snapshot,
                                 const core::Decision& decision) {
  snapshot.conversation = decision.conversation;
  snapshot.history.insert(snapshot.history.end(), decision.messages.begin(),
                          decision.messages.end());
  if (decision.contact_name) snapshot.contact.display_name = *decision.contact_name;
  return snapshot;
}

namespace {

template <typename T>
void Append(std::vector<T>& to, std::vector<T>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

core::Decision Chain(core::Decision first, core::Decision then) {
  core::Decision chained = std::move(first);
  chained.conversation = std::move(then.conversation);
  Append(chained.messages, std::move(then.messages));
  for (core::QualificationAnswer& a : then.answers) {
    if (a.source_message_id == 0) a.source_message_id.reset();  // a message of `first`
  }
  Append(chained.answers, std::move(then.answers));
  Append(chained.notifications, std::move(then.notifications));
  Append(chained.audit, std::move(then.audit));
  for (const core::TimerChange& change : then.timers) {
    std::erase_if(chained.timers,
                  [&](const core::TimerChange& t) { return t.kind == change.kind; });
    chained.timers.push_back(change);
  }
  if (then.contact_name) chained.contact_name = std::move(then.contact_name);
  return chained;
}

}  // namespace workflow
