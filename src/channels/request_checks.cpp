#include "channels/request_checks.h"

#include <cctype>
#include <cstddef>
#include <string>

namespace channels {
namespace {

constexpr std::size_t kMaxTokenLength = 4096;
constexpr std::size_t kMaxIdLength = 128;

}  // namespace

// Ids go into JSON (and for WhatsApp the path): visible ASCII only, no separators.
bool IsId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-' &&
        c != '+') {
      return false;
    }
  }
  return true;
}

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return !text.empty();
}

bool IsApiVersion(std::string_view version) {
  if (version.size() < 2 || version.front() != 'v') return false;
  const auto dot = version.find('.');
  if (dot == std::string_view::npos) return false;
  return AllDigits(version.substr(1, dot - 1)) && AllDigits(version.substr(dot + 1));
}

bool IsToken(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return false;
  for (const char c : token) {
    if (std::isgraph(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

base::Status CheckTarget(const SendTarget& target) {
  if (target.channel == core::Channel::kWeb) {
    return base::Error::InvalidArgument("web chat is not sent through the Graph API");
  }
  if (!IsApiVersion(target.api_version)) {
    return base::Error::InvalidArgument("Graph API version must look like \"v25.0\"");
  }
  if (!IsToken(target.access_token)) {
    return base::Error::InvalidArgument("the access token is missing or malformed");
  }
  if (!IsId(target.recipient_id)) {
    return base::Error::InvalidArgument("the recipient id is missing or malformed");
  }
  if (target.channel == core::Channel::kWhatsapp && !AllDigits(target.account_id)) {
    return base::Error::InvalidArgument("the WhatsApp phone number id must be digits");
  }
  return base::Status::Ok();
}

}  // namespace channels
