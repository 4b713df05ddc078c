// Numbers, amounts of money and dates as people write them in a message, in English, Spanish and
// Portuguese, read into one canonical form. Pure and deterministic; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace text {

// The first number in `s`, as its canonical text: digits, and a '.' before up to four decimals
// when it is not whole ("1200", "1299.5", "0.125"). Thousands separators are read either way
// ("1,200", "1.200", "1 200", "1.299,00" and "1,299.00" are both 1299); one separator followed by
// other than three digits is a decimal point ("1,5" and "1.5"); a suffix multiplies ("3k", "2.5
// mil", "1 million", "2 millones", "3 milhões"). A number that is part of a date, a time or a
// word ("2026-01-05", "10:30", "A4") is no number.
std::optional<std::string> FindNumber(std::string_view s);

// The first amount of money in `s`: a number as FindNumber, and its currency when one is written
// beside it ("$45", "45 €", "R$ 1.299,00", "3k EUR", "500 dollars", "mil pesos"), as an ISO 4217
// code. Canonical text: "1200 EUR", "1299.50 BRL" (two decimals when not whole), or the number
// alone when no currency is written.
std::optional<std::string> FindAmount(std::string_view s);

// How a date in numbers is read when either part could be the month ("03/04"): as English writes
// it (month first) or as Spanish and Portuguese do (day first).
enum class DateOrder { kMonthFirst, kDayFirst };

// The first date in `s`, as "YYYY-MM-DD", or "YYYY-MM" for a month alone ("in March", "marzo de
// 2027"). Read: ISO dates; d/m/y and m/d/y (by which part exceeds 12, else by `order`) with a two-
// or four-digit year; "15 March 2027", "March 15th",
// "15 de marzo", "15 de março de 2027"; "today", "tomorrow", "hoy", "mañana", "hoje", "amanhã";
// a weekday ("Monday", "el lunes", "na sexta") as its next occurrence after `today`. A date without
// its year is the next one on or after `today`. Impossible dates (31 February) are none.
std::optional<std::string> FindDate(std::string_view s, std::chrono::year_month_day today,
                                    DateOrder order);

}  // namespace text
