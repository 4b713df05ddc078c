#include "core/contact.h"

namespace core {

bool HasAnswered(const Contact& contact, const std::string& question, const std::string& label) {
  for (const QualificationAnswer& a : contact.answers) {
    if (label.empty() ? a.question == question : a.label == label) return true;
  }
  return false;
}

}  // namespace core
