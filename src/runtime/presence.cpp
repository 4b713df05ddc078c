#include "runtime/presence.h"

#include <utility>
#include <vector>

#include "channels/inbound_event.h"
#include "channels/sender.h"

namespace runtime {

Presence::Presence(core::ChannelAccounts& accounts, Transport transport, std::string api_version,
                   std::size_t capacity)
    : accounts_(accounts),
      transport_(std::move(transport)),
      api_version_(std::move(api_version)),
      capacity_(capacity),
      thread_([this] { Run(); }) {}

Presence::~Presence() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

void Presence::Thinking(const core::ConversationSnapshot& snapshot) {
  const core::Conversation& c = snapshot.conversation;
  if (c.channel == core::Channel::kWeb || snapshot.contact.external_id.empty()) return;
  Signal signal{c.channel, c.account_id, snapshot.contact.external_id, {}};
  for (auto it = snapshot.history.rbegin(); it != snapshot.history.rend(); ++it) {
    if (it->author != core::Author::kCustomer) continue;
    signal.message_id = channels::MessageIdOfDedupeKey(it->provider_message_id).value_or("");
    break;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) return;
    queue_.push_back(std::move(signal));
  }
  changed_.notify_all();
}

void Presence::Flush() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return stopping_ || (queue_.empty() && !sending_); });
}

void Presence::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const Signal signal = std::move(queue_.front());
    queue_.pop_front();
    sending_ = true;
    lock.unlock();
    Send(signal);
    lock.lock();
    sending_ = false;
    changed_.notify_all();
  }
}

void Presence::Send(const Signal& signal) {
  auto account = accounts_.FindChannelAccount(signal.channel, signal.account_id);
  if (!account.ok() || account->status != core::ChannelStatus::kConnected) return;
  const channels::SendTarget target{signal.channel, api_version_, signal.account_id,
                                    account->access_token, signal.recipient_id};
  std::vector<base::Result<channels::OutboundRequest>> requests;
  if (signal.channel == core::Channel::kWhatsapp) {
    if (signal.message_id.empty()) return;
    requests.push_back(channels::BuildTypingIndicator(target, signal.message_id));
  } else {
    requests.push_back(channels::BuildMarkSeen(target));
    requests.push_back(channels::BuildTypingIndicator(target, signal.message_id));
  }
  for (const auto& request : requests) {
    if (request.ok()) (void)transport_(*request);  // best effort: the answer changes nothing
  }
}

}  // namespace runtime
