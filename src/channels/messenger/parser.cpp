#include "channels/messenger/parser.h"

#include <string>
#include <utility>

#include "channels/content_summary.h"
#include "channels/messenger/messaging_item.h"

namespace channels::messenger {
namespace {

using fields::Json;

InboundEvent Unsupported(const Dialect& dialect, std::string account_id, std::string text) {
  InboundEvent event;
  event.channel = dialect.channel;
  event.kind = EventKind::kUnsupported;
  event.account_id = std::move(account_id);
  event.text = std::move(text);
  return event;
}

void ParseEntry(const Json& entry, const Dialect& dialect, std::vector<InboundEvent>& out) {
  const std::string entry_id = fields::Id(entry, "id");
  for (const Json* item : fields::Objects(entry, "messaging")) {
    ParseMessagingItem(*item, dialect, entry_id, /*standby=*/false, out);
  }
  for (const Json* item : fields::Objects(entry, "standby")) {
    ParseMessagingItem(*item, dialect, entry_id, /*standby=*/true, out);
  }
  // Instagram's dashboard "Test" button wraps a messaging item in a Page-style change.
  for (const Json* change : fields::Objects(entry, "changes")) {
    const Json* value = fields::Member(*change, "value");
    if (value != nullptr && value->is_object() && fields::Member(*value, "sender") != nullptr) {
      ParseMessagingItem(*value, dialect, entry_id, /*standby=*/false, out);
    } else {
      out.push_back(Unsupported(
          dialect, entry_id,
          Bracketed(std::string(dialect.name) + " field", fields::String(*change, "field"))));
    }
  }
}

}  // namespace

std::vector<InboundEvent> ParseMessagingEntries(const Json& root, const Dialect& dialect) {
  std::vector<InboundEvent> out;
  const Json* entries = fields::Member(root, "entry");
  if (entries == nullptr || !entries->is_array()) return out;
  for (const Json& entry : *entries) {
    if (entry.is_object()) {
      ParseEntry(entry, dialect, out);
    } else {
      out.push_back(
          Unsupported(dialect, {}, Bracketed(std::string(dialect.name) + " entry", "malformed")));
    }
  }
  return out;
}

std::vector<InboundEvent> ParseEntries(const Json& root) {
  return ParseMessagingEntries(root, kMessengerDialect);
}

}  // namespace channels::messenger
