// The Announcements port: how the instances sharing one database tell each other what changed,
// so that a live stream open on any instance (a dashboard's, a web chat's) hears every change.
// An announcement carries ids only; whoever hears it reads the rows it names.
//
// A decision's announcement is made by core::Store::Commit itself, in the transaction that
// stores it: it is heard if and only if the decision committed. Every other change is announced
// by whoever made it, once it committed (Announce). An instance never hears its own
// announcements: it tells its own streams directly.
//
// Nothing is replayed: an instance that may have missed announcements (its connection to the
// database broke) is told so (`missed`), and ends its streams; their clients reconnect and
// reload what they show.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/enums.h"

namespace core {

enum class AnnouncementKind {
  kDecision,      // a decision committed: workspace, conversation, channel, messages, notifications
  kDeliveries,    // the delivery of messages moved: the messages
  kMedia,         // a message's file was fetched or refused: the message
  kConversation,  // a person changed a conversation (folder, priority, read): workspace,
                  // conversation
  kMemberRemoved,       // the user is no longer a member of the workspace: workspace, user
  kSessionEnded,        // the session was signed out: token_hash
  kOtherSessionsEnded,  // every session of the user but token_hash's ("" for none) ended: user
  kApiTokenRevoked,     // the API token was revoked: token_id
};

// A message of one conversation: what a delivery or media announcement names.
struct MessageRef {
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t message_id = 0;
  bool operator==(const MessageRef&) const = default;
};

// What changed; each kind uses the fields its comment names, the others keep their defaults.
struct Announcement {
  AnnouncementKind kind = AnnouncementKind::kDecision;
  std::int64_t workspace_id = 0;
  std::int64_t conversation_id = 0;
  Channel channel = Channel::kWeb;
  std::vector<std::int64_t> message_ids;       // a decision's, ascending
  std::vector<std::int64_t> notification_ids;  // a decision's, ascending
  std::vector<MessageRef> messages;            // deliveries, media
  std::int64_t user_id = 0;
  std::string token_hash;
  std::int64_t token_id = 0;
  bool operator==(const Announcement&) const = default;
};

class Announcements {
 public:
  virtual ~Announcements() = default;

  // Tells the other instances of a change that committed. kUnavailable when the database cannot
  // be reached: the change stands, the other instances' streams miss it (their clients see it
  // on their next load).
  virtual base::Status Announce(const Announcement& announcement) = 0;

  // Calls `heard` with every announcement of another instance, and `missed` when some may have
  // been lost, on a thread of its own, from now until StopListening. Listening again replaces
  // the callbacks. The callbacks must not call StopListening.
  virtual void Listen(std::function<void(const Announcement&)> heard,
                      std::function<void()> missed) = 0;
  // Returns once no callback runs or will run. Idempotent.
  virtual void StopListening() = 0;
};

// The announcements of a database only one instance serves (SQLite): there is nobody to tell and
// nothing to hear.
class SingleInstance final : public Announcements {
 public:
  base::Status Announce(const Announcement&) override { return base::Status::Ok(); }
  void Listen(std::function<void(const Announcement&)>, std::function<void()>) override {}
  void StopListening() override {}
};

}  // namespace core
