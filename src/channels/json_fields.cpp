#include "channels/json_fields.h"

#include <charconv>
#include <limits>

namespace channels::fields {
namespace {

constexpr std::int64_t kMillisPerSecond = 1000;
constexpr std::int64_t kLastSecond = 253'402'300'799;  // 9999-12-31T23:59:59Z
constexpr std::int64_t kSmallestMillis = 100'000'000'000;

}  // namespace

const Json* Member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string String(const Json& object, std::string_view key) {
  const Json* value = Member(object, key);
  if (value == nullptr || !value->is_string()) return {};
  return value->get_ref<const std::string&>();
}

std::string Id(const Json& object, std::string_view key) {
  const Json* value = Member(object, key);
  if (value == nullptr) return {};
  if (value->is_string()) return value->get_ref<const std::string&>();
  if (value->is_number_unsigned()) return std::to_string(value->get<std::uint64_t>());
  if (value->is_number_integer()) return std::to_string(value->get<std::int64_t>());
  return {};
}

std::optional<std::int64_t> Integer(const Json& object, std::string_view key) {
  const Json* value = Member(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto v = value->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v);
  }
  if (value->is_number_integer()) return value->get<std::int64_t>();
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    std::int64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return v;
  }
  return std::nullopt;
}

std::optional<base::TimePoint> SecondsTime(const Json& object, std::string_view key) {
  const auto seconds = Integer(object, key);
  if (!seconds || *seconds < 0 || *seconds > kLastSecond) return std::nullopt;
  return base::FromMillis(*seconds * kMillisPerSecond);
}

std::optional<base::TimePoint> MillisTime(const Json& object, std::string_view key) {
  const auto millis = Integer(object, key);
  if (!millis || *millis < 0) return std::nullopt;
  if (*millis < kSmallestMillis) return base::FromMillis(*millis * kMillisPerSecond);
  if (*millis > kLastSecond * kMillisPerSecond) return std::nullopt;
  return base::FromMillis(*millis);
}

std::optional<double> Number(const Json& object, std::string_view key) {
  const Json* value = Member(object, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

bool True(const Json& object, std::string_view key) {
  const Json* value = Member(object, key);
  return value != nullptr && value->is_boolean() && value->get<bool>();
}

std::vector<const Json*> Objects(const Json& object, std::string_view key) {
  std::vector<const Json*> out;
  const Json* array = Member(object, key);
  if (array == nullptr || !array->is_array()) return out;
  out.reserve(array->size());
  for (const Json& element : *array) {
    if (element.is_object()) out.push_back(&element);
  }
  return out;
}

const Json* FirstObject(const Json& object, std::string_view key) {
  const Json* array = Member(object, key);
  if (array == nullptr || !array->is_array() || array->empty()) return nullptr;
  const Json& first = array->front();
  return first.is_object() ? &first : nullptr;
}

}  // namespace channels::fields
