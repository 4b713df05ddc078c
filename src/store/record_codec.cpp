#include "store/record_codec.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>
#include <variant>

namespace store {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Parses `text` as a JSON array and converts each element with `convert`.
template <typename T, typename Convert>
base::Result<std::vector<T>> DecodeArray(const std::string& text, std::string_view what,
                                         Convert convert) {
  try {
    const json array = json::parse(text);
    std::vector<T> out;
    for (const json& element : array.get_ref<const json::array_t&>()) {
      out.push_back(convert(element));
    }
    return out;
  } catch (const json::exception&) {
    return base::Error::Internal("corrupt store: malformed " + std::string(what));
  }
}

}  // namespace

std::string EncodeStrings(const std::vector<std::string>& strings) { return Dump(strings); }

base::Result<std::vector<std::string>> DecodeStrings(const std::string& text) {
  return DecodeArray<std::string>(text, "string list",
                                  [](const json& e) { return e.get<std::string>(); });
}

std::string EncodeLeadValue(const core::LeadValue& value) {
  return std::visit(
      [](const auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return Dump(nullptr);
        } else {
          return Dump(v);
        }
      },
      value);
}

base::Result<core::LeadValue> DecodeLeadValue(const std::string& text) {
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_null()) return core::LeadValue{};
  if (value.is_string()) return core::LeadValue{value.get<std::string>()};
  if (value.is_array()) {
    auto strings = DecodeStrings(text);
    if (!strings.ok()) return strings.error();
    return core::LeadValue{std::move(*strings)};
  }
  return base::Error::Internal("corrupt store: malformed lead edit value");
}

std::string EncodeAnswers(const std::vector<core::QualificationAnswer>& answers) {
  json array = json::array();
  for (const core::QualificationAnswer& a : answers) {
    array.push_back(
        {{"question_index", a.question_index},
         {"question", a.question},
         {"label", a.label},
         {"answer", a.answer},
         {"value", a.value},
         {"at_ms", base::ToMillis(a.at)},
         {"source_message_id", a.source_message_id ? json(*a.source_message_id) : json(nullptr)}});
  }
  return Dump(array);
}

base::Result<std::vector<core::QualificationAnswer>> DecodeAnswers(const std::string& text) {
  return DecodeArray<core::QualificationAnswer>(text, "answer list", [](const json& e) {
    core::QualificationAnswer a;
    a.question_index = e.at("question_index").get<int>();
    a.question = e.at("question").get<std::string>();
    a.label = e.at("label").get<std::string>();
    a.answer = e.at("answer").get<std::string>();
    // Recorded before answers had values: the text was the value.
    a.value = e.contains("value") ? e.at("value").get<std::string>() : a.answer;
    a.at = base::FromMillis(e.at("at_ms").get<std::int64_t>());
    const json& source = e.at("source_message_id");
    if (!source.is_null()) a.source_message_id = source.get<std::int64_t>();
    return a;
  });
}

std::string EncodeAttributes(const std::vector<core::ProductAttribute>& attributes) {
  json array = json::array();
  for (const core::ProductAttribute& a : attributes) {
    array.push_back({{"name", a.name}, {"value", a.value}});
  }
  return Dump(array);
}

base::Result<std::vector<core::ProductAttribute>> DecodeAttributes(const std::string& text) {
  return DecodeArray<core::ProductAttribute>(text, "product attributes", [](const json& e) {
    return core::ProductAttribute{e.at("name").get<std::string>(),
                                  e.at("value").get<std::string>()};
  });
}

std::string EncodeModelRecord(const core::ModelRecord& r) {
  return Dump({{"model", r.model},
               {"prompt_tokens", r.prompt_tokens},
               {"completion_tokens", r.completion_tokens},
               {"latency_ms", r.latency.count()},
               {"attempts", r.attempts},
               {"fallback", r.fallback}});
}

base::Result<core::ModelRecord> DecodeModelRecord(const std::string& text) {
  try {
    const json o = json::parse(text);
    return core::ModelRecord{o.at("model").get<std::string>(),
                             o.at("prompt_tokens").get<int>(),
                             o.at("completion_tokens").get<int>(),
                             base::Duration{o.at("latency_ms").get<std::int64_t>()},
                             o.at("attempts").get<int>(),
                             o.at("fallback").get<std::string>()};
  } catch (const json::exception&) {
    return base::Error::Internal("corrupt store: malformed model record");
  }
}

}  // namespace store
