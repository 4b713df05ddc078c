// Shows customers that the business is on it while their reply is being prepared: on WhatsApp
// their last message is marked read with a typing indicator; on Messenger and Instagram the
// thread is marked seen and typing_on is shown. The web chat shows its own.
//
// Best effort, and never in the reply's way: signals wait in a bounded queue for one thread of
// their own (a full queue drops the new signal), a failed request is not retried (the reply that
// follows says more than any indicator), and a disconnected account sends nothing.
//
// Thread-safety: Thinking may be called from any thread; Flush from one at a time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "core/channel_account.h"
#include "core/conversation.h"
#include "runtime/outbox_sender.h"

namespace runtime {

class Presence {
 public:
  static constexpr std::size_t kDefaultCapacity = 256;

  // `accounts` is borrowed and must outlive the object. `api_version` as the outbox's.
  Presence(core::ChannelAccounts& accounts, Transport transport, std::string api_version,
           std::size_t capacity = kDefaultCapacity);
  ~Presence();  // drops what is queued, waits for the request in flight
  Presence(const Presence&) = delete;
  Presence& operator=(const Presence&) = delete;

  // Queues the signals for the conversation of `snapshot` (a reply is being prepared for its
  // last customer messages); returns at once.
  void Thinking(const core::ConversationSnapshot& snapshot);

  // Returns once every signal queued before the call has been sent or given up.
  void Flush();

 private:
  struct Signal {
    core::Channel channel;
    std::string account_id;
    std::string recipient_id;
    std::string message_id;  // the customer's last message (WhatsApp marks it read)
  };
  void Run();
  void Send(const Signal& signal);

  core::ChannelAccounts& accounts_;
  const Transport transport_;
  const std::string api_version_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Signal> queue_;  // guarded by mutex_
  bool sending_ = false;      // guarded by mutex_
  bool stopping_ = false;     // guarded by mutex_
  std::thread thread_;
};

}  // namespace runtime
