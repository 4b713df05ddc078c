// Internal: forgiving, non-throwing reads of callback JSON. A field of the wrong type reads as
// absent, so unknown or malformed parts of a payload never throw and never assert.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace channels::fields {

using Json = nlohmann::json;

// The member `key` of `object`, or nullptr when `object` is not an object or lacks it.
const Json* Member(const Json& object, std::string_view key);

// A string member as is. Empty when absent or not a string.
std::string String(const Json& object, std::string_view key);

// An id: a string as is, an integer as its decimal text (Meta sends some ids, e.g. app_id, as
// JSON numbers: they are read as 64-bit integers, never through a double). Empty when absent,
// null, a float or anything else.
std::string Id(const Json& object, std::string_view key);

// An integer member, or a string of decimal digits (WhatsApp sends timestamps as strings).
// nullopt when absent, out of range or anything else.
std::optional<std::int64_t> Integer(const Json& object, std::string_view key);

// A Unix time in seconds (integer or digit string), as WhatsApp sends it. nullopt when absent,
// negative or past the year 9999.
std::optional<base::TimePoint> SecondsTime(const Json& object, std::string_view key);

// A Unix time in milliseconds, as Messenger and Instagram send it. Values below 10^11 (March
// 1973 in milliseconds, year 5138 in seconds) are read as seconds: the Instagram dashboard's test
// events send seconds. nullopt when absent, negative or past the year 9999.
std::optional<base::TimePoint> MillisTime(const Json& object, std::string_view key);

// A number member (integer or float). nullopt when absent or not a number.
std::optional<double> Number(const Json& object, std::string_view key);

// True only for the JSON literal true.
bool True(const Json& object, std::string_view key);

// The elements of the array member `key` that are objects, in order. Empty when absent.
std::vector<const Json*> Objects(const Json& object, std::string_view key);

// The first element of the array member `key` when it is an object, else nullptr.
const Json* FirstObject(const Json& object, std::string_view key);

}  // namespace channels::fields
