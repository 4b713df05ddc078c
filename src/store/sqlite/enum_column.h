// Reading enum columns, stored by their wire names (core/enums.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "core/enums.h"
#include "store/sqlite/statement.h"

namespace store::sqlite {

// The enum in `column`, parsed with `Parse` (core::ParseChannel, ...). kInternal, naming `what`
// and the value, for a name no Parse* knows: only a corrupt store holds one.
template <auto Parse>
auto EnumColumn(const Query& query, int column, std::string_view what)
    -> base::Result<typename decltype(Parse(std::string_view{}))::value_type> {
  const std::string_view name = query.TextView(column);
  if (auto parsed = Parse(name)) return *parsed;
  return base::Error::Internal("corrupt store: unknown " + std::string(what) + " '" +
                               std::string(name) + "'");
}

// As EnumColumn, with NULL read as nullopt.
template <auto Parse>
auto OptionalEnumColumn(const Query& query, int column, std::string_view what)
    -> base::Result<decltype(Parse(std::string_view{}))> {
  using Optional = decltype(Parse(std::string_view{}));
  if (query.IsNull(column)) return Optional{};
  auto parsed = EnumColumn<Parse>(query, column, what);
  if (!parsed.ok()) return parsed.error();
  return Optional{*parsed};
}

}  // namespace store::sqlite
