#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <thread>

#include "text/stemmer.h"
#include "text/stopwords.h"

namespace text {
namespace {

TEST(StemmerTest, StemsEachLanguage) {
  auto english = Stemmer::Create(Language::kEnglish);
  auto spanish = Stemmer::Create(Language::kSpanish);
  auto portuguese = Stemmer::Create(Language::kPortuguese);
  ASSERT_TRUE(english.ok() && spanish.ok() && portuguese.ok());
  EXPECT_EQ(english->Stem("running"), "run");
  EXPECT_EQ(english->Stem("shoes"), english->Stem("shoe"));
  EXPECT_EQ(spanish->Stem("zapatillas"), spanish->Stem("zapatilla"));
  EXPECT_EQ(portuguese->Stem("camisetas"), portuguese->Stem("camiseta"));
  EXPECT_EQ(english->Stem(""), "");
}

TEST(StemmerTest, IsSafeFromTwoThreads) {
  auto stemmer = Stemmer::Create(Language::kEnglish);
  ASSERT_TRUE(stemmer.ok());
  constexpr int kRounds = 2000;
  int mismatches[2] = {0, 0};
  auto work = [&](int slot, const char* word, const char* stem) {
    for (int i = 0; i < kRounds; ++i) mismatches[slot] += stemmer->Stem(word) != stem;
  };
  std::thread a(work, 0, "connections", "connect");
  std::thread b(work, 1, "running", "run");
  a.join();
  b.join();
  EXPECT_EQ(mismatches[0] + mismatches[1], 0);
}

TEST(StopwordsTest, KnowsFunctionWordsPerLanguage) {
  EXPECT_TRUE(IsStopword(Language::kEnglish, "the"));
  EXPECT_TRUE(IsStopword(Language::kSpanish, "los"));
  EXPECT_TRUE(IsStopword(Language::kPortuguese, "nao"));
  EXPECT_FALSE(IsStopword(Language::kEnglish, "los"));
  EXPECT_FALSE(IsStopwordOfAny("shoes"));
}

TEST(AnalyzerTest, QueryDropsStopwordsAndStems) {
  auto analyzer = Analyzer::Create();
  ASSERT_TRUE(analyzer.ok());
  EXPECT_EQ(analyzer->QueryTerms("Do you have the running shoes?", Language::kEnglish),
            (std::vector<std::string>{"run", "shoe"}));
  EXPECT_EQ(analyzer->QueryTerms("¿Tienen zapatillas? zapatilla", Language::kSpanish),
            (std::vector<std::string>{analyzer->Stem("zapatillas", Language::kSpanish)}));
}

TEST(AnalyzerTest, DocumentTermsHoldTheStemsOfEveryLanguage) {
  auto analyzer = Analyzer::Create();
  ASSERT_TRUE(analyzer.ok());
  const std::vector<std::string> terms = analyzer->DocumentTerms("Zapatillas de running");
  for (Language language : kLanguages) {
    for (const std::string& query : analyzer->QueryTerms("zapatilla running", language)) {
      EXPECT_NE(std::find(terms.begin(), terms.end(), query), terms.end()) << query;
    }
  }
}

}  // namespace
}  // namespace text
