#include "api/crm_json.h"

#include <type_traits>
#include <variant>

#include "base/time.h"

namespace api {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<base::TimePoint>& t) {
  return t ? json(base::FormatTime(*t)) : json(nullptr);
}

json LeadValueJson(const core::LeadValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      value);
}

}  // namespace

json MessageJson(const core::Message& m) {
  json out{{"id", m.id},
           {"author", core::ToString(m.author)},
           {"text", m.text},
           {"at", base::FormatTime(m.at)},
           {"delivery", core::ToString(m.delivery)},
           {"delivery_error", m.delivery_error},
           {"attachment", core::ToString(m.attachment)}};
  if (m.author == core::Author::kHumanCrm) out["user"] = m.user;
  if (m.model) {
    out["model"] = {{"model", m.model->model},
                    {"prompt_tokens", m.model->prompt_tokens},
                    {"completion_tokens", m.model->completion_tokens},
                    {"latency_ms", m.model->latency.count()},
                    {"attempts", m.model->attempts},
                    {"fallback", m.model->fallback}};
  }
  return out;
}

json MediaJson(const core::Media& media) {
  return {{"id", media.id},
          {"kind", core::ToString(media.kind)},
          {"mime_type", media.mime_type},
          {"size", media.size},
          {"name", media.file_name},
          {"state", core::ToString(media.state)},
          {"error", media.error}};
}

json SummaryJson(const core::ConversationSummary& s) {
  json last = nullptr;
  if (s.last_message) {
    const core::Message& m = *s.last_message;
    last = {{"id", m.id},
            {"author", core::ToString(m.author)},
            {"text", m.text},
            {"at", base::FormatTime(m.at)}};
  }
  return {
      {"id", s.id},
      {"channel", core::ToString(s.channel)},
      {"account_id", s.account_id},
      {"folder", core::ToString(s.folder)},
      {"mode", core::ToString(s.lease.mode)},
      {"resume_at", OptionalTime(s.lease.resume_at)},
      {"priority", core::ToString(s.priority)},
      {"unread", s.unread},
      {"labels", s.labels},
      {"contact", {{"id", s.contact_id}, {"name", s.contact_name}, {"external_id", s.external_id}}},
      {"last_message", last},
      {"last_activity_at", OptionalTime(s.last_activity)}};
}

json NotificationJson(const core::Notification& n) {
  json answers = json::array();
  for (const core::QualificationAnswer& a : n.answers) {
    answers.push_back(
        {{"question", a.question}, {"label", a.label}, {"answer", a.answer}, {"value", a.value}});
  }
  return {{"id", n.id},
          {"kind", core::ToString(n.kind)},
          {"reason", core::ToString(n.reason)},
          {"detail", n.detail},
          {"conversation_id", n.conversation_id},
          {"contact_id", n.contact_id},
          {"customer_name", n.customer_name},
          {"last_messages", n.last_messages},
          {"answers", answers},
          {"at", base::FormatTime(n.at)},
          {"read", n.read}};
}

json AuditEventJson(const core::AuditEvent& e) {
  return {{"kind", core::ToString(e.kind)},
          {"actor", e.actor},
          {"detail", e.detail},
          {"mode_after", core::ToString(e.mode_after)},
          {"resume_at", OptionalTime(e.resume_at)},
          {"at", base::FormatTime(e.at)}};
}

json LeadJson(const core::Lead& lead) {
  json answers = json::array();
  for (const core::QualificationAnswer& a : lead.contact.answers) {
    answers.push_back(
        {{"id", a.id},
         {"question_index", a.question_index},
         {"question", a.question},
         {"label", a.label},
         {"answer", a.answer},
         {"value", a.value},
         {"at", base::FormatTime(a.at)},
         {"source_message_id", a.source_message_id ? json(*a.source_message_id) : json(nullptr)}});
  }
  json notes = json::array();
  for (const core::LeadNote& n : lead.notes) notes.push_back(NoteJson(n));
  return {{"id", lead.contact.id},
          {"name", lead.contact.display_name},
          {"channel", core::ToString(lead.contact.channel)},
          {"external_id", lead.contact.external_id},
          {"answers", answers},
          {"labels", lead.labels},
          {"notes", notes},
          {"conversation_ids", lead.conversation_ids}};
}

json NoteJson(const core::LeadNote& n) {
  return {{"id", n.id}, {"text", n.text}, {"author", n.author}, {"at", base::FormatTime(n.at)}};
}

json LeadEditJson(const core::LeadEdit& e) {
  return {{"field", e.field},
          {"before", LeadValueJson(e.before)},
          {"after", LeadValueJson(e.after)},
          {"user", e.user},
          {"at", base::FormatTime(e.at)}};
}

}  // namespace api
