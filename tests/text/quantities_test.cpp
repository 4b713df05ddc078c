#include "text/quantities.h"

#include <gtest/gtest.h>

namespace text {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// A Monday.
const year_month_day kToday{year{2026}, month{12}, day{7}};

struct Case {
  const char* input;
  std::optional<std::string> expected;
};

TEST(FindNumberTest, ReadsNumbersAsPeopleWriteThem) {
  const Case cases[] = {
      {"about 12 people", "12"},
      {"1,200", "1200"},
      {"1.200", "1200"},
      {"1 200 employees", "1200"},
      {"1.299,00", "1299"},
      {"1,299.50", "1299.5"},
      {"1,5", "1.5"},
      {"12.50", "12.5"},
      {"0.125", "0.125"},
      {"3k", "3000"},
      {"2.5 mil", "2500"},
      {"1 million", "1000000"},
      {"2 millones", "2000000"},
      {"3 milhões", "3000000"},
      {"none", std::nullopt},
      {"on 2026-01-05", std::nullopt},
      {"at 10:30", std::nullopt},
      {"an A4 sheet", std::nullopt},
      {"a 10speed chain", std::nullopt},
      {"15/03, 40 units", "40"},
  };
  for (const Case& c : cases) EXPECT_EQ(FindNumber(c.input), c.expected) << c.input;
}

TEST(FindAmountTest, ReadsTheCurrencyBesideTheNumber) {
  const Case cases[] = {
      {"$45", "45 USD"},
      {"45 €", "45 EUR"},
      {"45€", "45 EUR"},
      {"R$ 1.299,00", "1299 BRL"},
      {"R$ 1.299,50", "1299.50 BRL"},
      {"around 3k EUR", "3000 EUR"},
      {"EUR 3000", "3000 EUR"},
      {"500 dollars", "500 USD"},
      {"unos 2000 euros", "2000 EUR"},
      {"mil reais", std::nullopt},  // "mil" alone is no number
      {"5 mil pesos", "5000 MXN"},
      {"£20", "20 GBP"},
      {"US$ 99.90", "99.90 USD"},
      {"2000", "2000"},
      {"for 2 people, 300 EUR", "300 EUR"},
      {"no budget", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(FindAmount(c.input), c.expected) << c.input;
}

TEST(FindDateTest, ReadsDatesInEachLanguage) {
  const Case english[] = {
      {"2027-03-15", "2027-03-15"},
      {"by 3/15/2027", "2027-03-15"},
      {"15/03/2027", "2027-03-15"},  // 15 cannot be a month
      {"03/04/27", "2027-03-04"},    // English writes the month first
      {"March 15th, 2027", "2027-03-15"},
      {"15 March", "2027-03-15"},
      {"on the 3rd of January", "2027-01-03"},
      {"December 24", "2026-12-24"},
      {"in March", "2027-03"},
      {"December 2027", "2027-12"},
      {"today", "2026-12-07"},
      {"tomorrow please", "2026-12-08"},
      {"on Friday", "2026-12-11"},
      {"Monday", "2026-12-14"},  // today is Monday: the next one
      {"31 February", std::nullopt},
      {"may I ask something", std::nullopt},
      {"soon", std::nullopt},
      {"1.5", std::nullopt},
  };
  for (const Case& c : english) {
    EXPECT_EQ(FindDate(c.input, kToday, DateOrder::kMonthFirst), c.expected) << c.input;
  }
  const Case spanish[] = {
      {"03/04/2027", "2027-04-03"},
      {"el 15 de marzo", "2027-03-15"},
      {"15 de marzo de 2027", "2027-03-15"},
      {"mañana", "2026-12-08"},
      {"por la mañana", std::nullopt},
      {"el viernes", "2026-12-11"},
      {"hoy", "2026-12-07"},
  };
  for (const Case& c : spanish) {
    EXPECT_EQ(FindDate(c.input, kToday, DateOrder::kDayFirst), c.expected) << c.input;
  }
  const Case portuguese[] = {
      {"15 de março", "2027-03-15"},     {"amanhã", "2026-12-08"},
      {"na sexta", "2026-12-11"},        {"segunda-feira", "2026-12-14"},
      {"a segunda opção", std::nullopt}, {"29/02/2028", "2028-02-29"},
  };
  for (const Case& c : portuguese) {
    EXPECT_EQ(FindDate(c.input, kToday, DateOrder::kDayFirst), c.expected) << c.input;
  }
}

}  // namespace
}  // namespace text
