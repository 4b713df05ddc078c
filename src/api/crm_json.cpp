#include "api/crm_json.h"

#include "base/time.h"
#include "core/enums.h"

namespace api {

using nlohmann::json;

json MessageJson(const core::Message& m) {
  return {{"id", m.id},
          {"author", core::ToString(m.author)},
          {"text", m.text},
          {"at", base::FormatTime(m.at)},
          {"delivery", core::ToString(m.delivery)},
          {"delivery_error", m.delivery_error},
          {"attachment", core::ToString(m.attachment)}};
}

json NotificationJson(const core::Notification& n) {
  json answers = json::array();
  for (const core::QualificationAnswer& a : n.answers) {
    answers.push_back({{"question", a.question}, {"label", a.label}, {"answer", a.answer}});
  }
  return {{"id", n.id},
          {"kind", core::ToString(n.kind)},
          {"reason", core::ToString(n.reason)},
          {"conversation_id", n.conversation_id},
          {"contact_id", n.contact_id},
          {"customer_name", n.customer_name},
          {"last_messages", n.last_messages},
          {"answers", answers},
          {"at", base::FormatTime(n.at)},
          {"read", n.read}};
}

}  // namespace api
