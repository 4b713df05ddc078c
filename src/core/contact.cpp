#include "core/contact.h"

namespace core {

bool HasAnswered(std::span<const QualificationAnswer> answers, const std::string& question,
                 const std::string& label) {
  for (const QualificationAnswer& a : answers) {
    if (label.empty() ? a.question == question : a.label == label) return true;
  }
  return false;
}

}  // namespace core
