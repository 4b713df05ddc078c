#include "channels/echo.h"

namespace channels {

std::string_view ToString(EchoOrigin v) {
  switch (v) {
    case EchoOrigin::kOurs:
      return "ours";
    case EchoOrigin::kHuman:
      return "human";
    case EchoOrigin::kOtherApp:
      return "other_app";
  }
  return "human";
}

EchoOrigin ClassifyEcho(const Echo& echo, std::string_view our_app_id, bool in_our_ledger) {
  if (in_our_ledger) return EchoOrigin::kOurs;
  const bool app_is_ours = !our_app_id.empty() && echo.app_id == our_app_id;
  switch (echo.source) {
    case EchoSource::kBusinessApp:
    case EchoSource::kPageInbox:
      return EchoOrigin::kHuman;
    case EchoSource::kApp:
      return app_is_ours ? EchoOrigin::kOurs : EchoOrigin::kOtherApp;
    case EchoSource::kUnknown:
      return app_is_ours ? EchoOrigin::kOurs : EchoOrigin::kHuman;
  }
  return EchoOrigin::kHuman;
}

}  // namespace channels
