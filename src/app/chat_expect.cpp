#include "app/chat_expect.h"

#include <regex>
#include <string>

#include "app/chat_printer.h"

namespace app {
namespace {

std::pair<std::string_view, std::string_view> SplitWord(std::string_view s) {
  const std::size_t start = s.find_first_not_of(' ');
  if (start == std::string_view::npos) return {{}, {}};
  s.remove_prefix(start);
  const std::size_t end = s.find(' ');
  if (end == std::string_view::npos) return {s, {}};
  std::string_view rest = s.substr(end + 1);
  const std::size_t rest_start = rest.find_first_not_of(' ');
  return {s.substr(0, end), rest_start == std::string_view::npos ? "" : rest.substr(rest_start)};
}

base::Result<std::regex> Compile(std::string_view pattern) {
  if (pattern.empty()) return base::Error::InvalidArgument("a regular expression is missing");
  try {
    return std::regex(std::string(pattern), std::regex::ECMAScript | std::regex::icase);
  } catch (const std::regex_error&) {
    return base::Error::InvalidArgument("'" + std::string(pattern) + "' is not a valid regex");
  }
}

std::vector<std::string> AiTexts(const std::vector<core::Decision>& step) {
  std::vector<std::string> texts;
  for (const auto& d : step) {
    for (const auto& m : d.messages) {
      if (m.author == core::Author::kAi) texts.push_back(m.text);
    }
  }
  return texts;
}

std::string Quote(const std::vector<std::string>& texts) {
  if (texts.empty()) return "nothing";
  std::string out;
  for (const auto& t : texts) out += (out.empty() ? "\"" : ", \"") + t + "\"";
  return out;
}

std::string Summary(const core::Notification& n) {
  std::string s = std::string(core::ToString(n.kind)) + " " +
                  std::string(core::ToString(n.reason)) + " " + n.customer_name;
  if (!n.detail.empty()) s += " | " + n.detail;
  for (const auto& a : n.answers) s += " | " + AnswerLine(a);
  for (const auto& m : n.last_messages) s += " | " + m;
  return s;
}

base::Status Fail(std::string what) { return base::Error::FailedPrecondition(std::move(what)); }

base::Status ExpectAi(std::string_view pattern, const ExpectContext& c, bool wanted) {
  auto re = Compile(pattern);
  if (!re.ok()) return re.error();
  const auto texts = AiTexts(c.step);
  bool found = false;
  for (const auto& t : texts) found = found || std::regex_search(t, *re);
  if (found == wanted) return base::Status::Ok();
  return Fail(std::string(wanted ? "an AI message matching /" : "no AI message matching /") +
              std::string(pattern) + "/, got " + Quote(texts));
}

base::Status ExpectEvent(std::string_view kind, const ExpectContext& c, bool wanted) {
  const auto parsed = core::ParseAuditKind(kind);
  if (!parsed)
    return base::Error::InvalidArgument("unknown event kind '" + std::string(kind) + "'");
  bool found = false;
  std::vector<std::string> seen;
  for (const auto& d : c.step) {
    for (const auto& e : d.audit) {
      found = found || e.kind == *parsed;
      seen.emplace_back(core::ToString(e.kind));
    }
  }
  if (found == wanted) return base::Status::Ok();
  return Fail(std::string(wanted ? "an event " : "no event ") + std::string(kind) + ", got " +
              Quote(seen));
}

base::Status ExpectNotification(std::string_view pattern, const ExpectContext& c) {
  auto re = Compile(pattern);
  if (!re.ok()) return re.error();
  std::vector<std::string> seen;
  for (const auto& d : c.step) {
    for (const auto& n : d.notifications) {
      seen.push_back(Summary(n));
      if (std::regex_search(seen.back(), *re)) return base::Status::Ok();
    }
  }
  return Fail("a notification matching /" + std::string(pattern) + "/, got " + Quote(seen));
}

// `rest` is "LABEL REGEX" (lead) or "LABEL" (no-lead); labels may hold spaces ("Company size").
base::Status ExpectLead(std::string_view rest, const ExpectContext& c, bool wanted) {
  if (rest.empty()) return base::Error::InvalidArgument("a label is missing");
  for (const auto& a : c.contact.answers) {
    const bool named = wanted ? rest.starts_with(a.label + " ") : rest == a.label;
    if (a.label.empty() || !named) continue;
    const std::string_view label = a.label;
    const std::string_view pattern = wanted ? rest.substr(label.size() + 1) : "";
    if (!wanted) return Fail("no answer for " + std::string(label) + ", got \"" + a.value + "\"");
    auto re = Compile(pattern);
    if (!re.ok()) return re.error();
    if (std::regex_search(a.value, *re)) return base::Status::Ok();
    return Fail("an answer for " + std::string(label) + " matching /" + std::string(pattern) +
                "/, got \"" + a.value + "\"");
  }
  if (!wanted) return base::Status::Ok();
  return Fail("an answer for the label that starts \"" + std::string(rest) +
              "\", the lead has none");
}

base::Status ExpectResumeIn(std::string_view text, const ExpectContext& c) {
  auto d = base::ParseDuration(text);
  if (!d.ok()) return d.error();
  const auto& resume_at = c.conversation.lease.resume_at;
  if (resume_at && *resume_at == c.now + *d) return base::Status::Ok();
  return Fail("the pause to end in " + std::string(text) + ", it " +
              (resume_at ? "ends in " + base::FormatDuration(*resume_at - c.now) : "has no end"));
}

}  // namespace

base::Status CheckExpectation(std::string_view spec, const ExpectContext& c) {
  const auto [what, rest] = SplitWord(spec);
  if (what == "ai") return ExpectAi(rest, c, true);
  if (what == "not-ai") return ExpectAi(rest, c, false);
  if (what == "silence") {
    const auto texts = AiTexts(c.step);
    return texts.empty() ? base::Status::Ok() : Fail("silence, got " + Quote(texts));
  }
  if (what == "event") return ExpectEvent(rest, c, true);
  if (what == "no-event") return ExpectEvent(rest, c, false);
  if (what == "notification") return ExpectNotification(rest, c);
  if (what == "mode") {
    const auto mode = core::ParseMode(rest);
    if (!mode) return base::Error::InvalidArgument("mode is ai or manual");
    if (*mode == c.conversation.lease.mode) return base::Status::Ok();
    return Fail("mode " + std::string(rest) + ", it is " +
                std::string(core::ToString(c.conversation.lease.mode)));
  }
  if (what == "resume-in") return ExpectResumeIn(rest, c);
  if (what == "language") {
    const auto language = core::ParseLanguage(rest);
    if (!language) return base::Error::InvalidArgument("language is en, es or pt");
    if (c.conversation.language == language) return base::Status::Ok();
    return Fail("language " + std::string(rest) + ", it is " +
                (c.conversation.language ? std::string(core::ToString(*c.conversation.language))
                                         : "not detected"));
  }
  if (what == "lead") return ExpectLead(rest, c, true);
  if (what == "no-lead") return ExpectLead(rest, c, false);
  return base::Error::InvalidArgument("unknown expectation '" + std::string(what) + "'");
}

}  // namespace app
