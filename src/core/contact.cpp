#include "core/contact.h"

namespace core {
namespace {

constexpr std::string_view kWebVisitor = "Web visitor ";
constexpr std::size_t kVisitorIdShown = 4;

}  // namespace

std::string InitialContactName(Channel channel, std::string_view external_id) {
  if (channel != Channel::kWeb) return std::string(external_id);
  return std::string(kWebVisitor) + std::string(external_id.substr(0, kVisitorIdShown));
}

bool HasAnswered(std::span<const QualificationAnswer> answers, const std::string& question,
                 const std::string& label) {
  for (const QualificationAnswer& a : answers) {
    if (label.empty() ? a.question == question : a.label == label) return true;
  }
  return false;
}

}  // namespace core
