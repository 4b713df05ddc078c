// Values people write in a message: an email address, a phone number, and the name of someone
// giving their contact details. Pure and deterministic; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace text {

// The first email address in `s`, with its domain lower-cased ("Ana@Example.COM" ->
// "Ana@example.com"). The domain needs a dot and a top-level part of two letters or more.
std::optional<std::string> FindEmail(std::string_view s);

// The first phone number in `s`: 7 to 15 digits, an optional leading '+', and single spaces, dots,
// dashes or parentheses between the groups; returned as '+' (when written) and the digits
// ("+351 912-345 678" -> "+351912345678"). A date written 2026-01-05 is no phone number, and
// neither are digits inside an email address.
std::optional<std::string> FindPhone(std::string_view s);

// What a customer wrote when asked how the team can reach them.
struct ContactDetails {
  std::string name;   // "" when none was given
  std::string email;  // as FindEmail
  std::string phone;  // as FindPhone
  bool empty() const { return name.empty() && email.empty() && phone.empty(); }
  bool operator==(const ContactDetails&) const = default;
};

// Reads a reply such as "Ana Souza, ana@example.com", "my name is Ana and my number is
// 912 345 678" or "soy Ana, 612 34 56 78". A name is taken only beside an email or a phone, or
// after words that introduce one ("my name is", "me llamo", "meu nome é"); it is at most
// four words of letters, with fillers ("thanks", "my email is", "y", "ou") left out, and starts
// with a capital letter. Anything else gives an empty ContactDetails.
ContactDetails ReadContactDetails(std::string_view s);

}  // namespace text
