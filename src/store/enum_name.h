// Enum columns are stored by their wire names (core/enums.h) in both backends; reading one back.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace store {

// The enum named `name`, parsed with `Parse` (core::ParseChannel, ...). kInternal, naming `what`
// and the value, for a name no Parse* knows: only a corrupt store holds one.
template <auto Parse>
auto ParseEnumName(std::string_view name, std::string_view what)
    -> base::Result<typename decltype(Parse(std::string_view{}))::value_type> {
  if (auto parsed = Parse(name)) return *parsed;
  return base::Error::Internal("corrupt store: unknown " + std::string(what) + " '" +
                               std::string(name) + "'");
}

// The enum in `column` of `row` (either backend's row reader: store/rows.h), parsed with
// `Parse`; errors as ParseEnumName.
template <auto Parse, typename Row>
auto EnumColumn(const Row& row, int column, std::string_view what)
    -> base::Result<typename decltype(Parse(std::string_view{}))::value_type> {
  return ParseEnumName<Parse>(row.TextView(column), what);
}

// As EnumColumn, with NULL read as nullopt.
template <auto Parse, typename Row>
auto OptionalEnumColumn(const Row& row, int column, std::string_view what)
    -> base::Result<decltype(Parse(std::string_view{}))> {
  using Optional = decltype(Parse(std::string_view{}));
  if (row.IsNull(column)) return Optional{};
  auto parsed = EnumColumn<Parse>(row, column, what);
  if (!parsed.ok()) return parsed.error();
  return Optional{*parsed};
}

}  // namespace store
