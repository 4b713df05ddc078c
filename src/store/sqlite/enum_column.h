// Reading enum columns, stored by their wire names (store/enum_name.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "core/enums.h"
#include "store/enum_name.h"
#include "store/sqlite/statement.h"

namespace store::sqlite {

// The enum in `column`, parsed with `Parse` (core::ParseChannel, ...); errors as ParseEnumName.
template <auto Parse>
auto EnumColumn(const Query& query, int column, std::string_view what)
    -> base::Result<typename decltype(Parse(std::string_view{}))::value_type> {
  return ParseEnumName<Parse>(query.TextView(column), what);
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
