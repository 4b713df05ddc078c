#include "core/contact.h"

#include <algorithm>
#include <utility>

namespace core {
namespace {

constexpr std::string_view kWebVisitor = "Web visitor ";
constexpr std::size_t kVisitorIdShown = 4;

}  // namespace

std::string InitialContactName(Channel channel, std::string_view external_id) {
  if (channel != Channel::kWeb) return std::string(external_id);
  return std::string(kWebVisitor) + std::string(external_id.substr(0, kVisitorIdShown));
}

bool IsAnswerTo(const QualificationAnswer& answer, const std::string& question,
                const std::string& label) {
  return label.empty() ? answer.question == question : answer.label == label;
}

void PutAnswer(std::vector<QualificationAnswer>& answers, QualificationAnswer answer) {
  const auto earlier = std::find_if(answers.begin(), answers.end(), [&](const auto& a) {
    return IsAnswerTo(a, answer.question, answer.label);
  });
  if (earlier != answers.end()) {
    *earlier = std::move(answer);
  } else {
    answers.push_back(std::move(answer));
  }
}

bool HasAnswered(std::span<const QualificationAnswer> answers, const std::string& question,
                 const std::string& label) {
  return std::any_of(answers.begin(), answers.end(),
                     [&](const QualificationAnswer& a) { return IsAnswerTo(a, question, label); });
}

}  // namespace core
