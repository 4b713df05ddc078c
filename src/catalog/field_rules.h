// The rules for the known value columns of a catalog file. Each Parse* takes a value already
// trimmed and not blank, and returns the value to store or an InvalidArgument error whose message
// names the column and quotes the value ("price 'abc' is not a number").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace catalog {

constexpr std::size_t kCurrencyCodeLength = 3;    // ISO 4217 style: USD, EUR, BRL
constexpr std::size_t kMaxQuotedValueChars = 40;  // longer values are cut in messages

// `value` in single quotes for a message: invalid UTF-8 replaced, line ends and tabs as spaces,
// cut to kMaxQuotedValueChars characters with "..." when longer.
std::string QuoteForMessage(std::string_view value);

// A non-negative decimal: digits, optionally a dot and more digits ("19.90", "1200"). Returned as
// written.
base::Result<std::string> ParsePrice(std::string_view value);

// Three ASCII letters, returned upper-cased ("usd" -> "USD").
base::Result<std::string> ParseCurrency(std::string_view value);

// A non-negative whole number of units that fits in int64 ("0", "25").
base::Result<std::int64_t> ParseStock(std::string_view value);

}  // namespace catalog
