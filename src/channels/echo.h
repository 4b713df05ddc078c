// Who sent an echo (a message the business side sent), per reference §8.1.
#pragma once

#include <string_view>

#include "channels/inbound_event.h"

namespace channels {

enum class EchoOrigin {
  kOurs,      // our own send (the AI or a CRM user): not a manual reply
  kHuman,     // a person replying from the messaging app or Meta's inbox: pause the AI
  kOtherApp,  // another app on the Page (a CRM, a bot): treat as a person unless allowlisted
};

std::string_view ToString(EchoOrigin v);

// `our_app_id`: our Meta app id (empty when unknown: then only the ledger recognizes our sends).
// `in_our_ledger`: the echo's provider_message_id is one of our own sends.
//
// WhatsApp business-app echoes and Page Inbox echoes are kHuman; a Messenger app_id equal to ours
// is kOurs, any other kOtherApp; Instagram (EchoSource::kUnknown) is kOurs only when the ledger
// (or a matching app_id) says so, else kHuman. The ledger wins everywhere, as a safety net.
// An Instagram echo can arrive before our Send API call returns: while a send to that customer
// is in flight, wait and ask again before believing kHuman (the caller's grace period).
EchoOrigin ClassifyEcho(const Echo& echo, std::string_view our_app_id, bool in_our_ledger);

}  // namespace channels
