#include "brain/local/language.h"

#include <gtest/gtest.h>

namespace brain {
namespace {

using core::Language;

TEST(LanguageTest, DetectsEnglishSpanishAndPortuguese) {
  EXPECT_EQ(DetectLanguage("Do you have running shoes in size 42?", Language::kPt), Language::kEn);
  EXPECT_EQ(DetectLanguage("¿Tienen zapatillas en la talla 42?", Language::kEn), Language::kEs);
  EXPECT_EQ(DetectLanguage("Vocês têm tênis no tamanho 42?", Language::kEn), Language::kPt);
  EXPECT_EQ(DetectLanguage("quiero hablar con una persona", Language::kEn), Language::kEs);
  EXPECT_EQ(DetectLanguage("quero falar com uma pessoa", Language::kEn), Language::kPt);
}

TEST(LanguageTest, UnaccentedTextIsStillRecognised) {
  EXPECT_EQ(DetectLanguage("cuanto cuesta el envio", Language::kEn), Language::kEs);
  EXPECT_EQ(DetectLanguage("nao consigo ver o preco", Language::kEn), Language::kPt);
}

TEST(LanguageTest, NoCuesFallBackToTheGivenLanguage) {
  EXPECT_EQ(DetectLanguage("ok", Language::kEs), Language::kEs);
  EXPECT_EQ(DetectLanguage("ok", Language::kPt), Language::kPt);
  EXPECT_EQ(DetectLanguage("42", Language::kEn), Language::kEn);
  EXPECT_EQ(DetectLanguage("", Language::kPt), Language::kPt);
}

TEST(LanguageTest, TiesPreferTheGivenLanguage) {
  // "no" and "para" are Spanish and Portuguese alike.
  EXPECT_EQ(DetectLanguage("no para", Language::kPt), Language::kPt);
  EXPECT_EQ(DetectLanguage("no para", Language::kEs), Language::kEs);
}

TEST(LanguageTest, MapsToTheStemmerLanguage) {
  EXPECT_EQ(StemLanguage(Language::kEs), text::Language::kSpanish);
  EXPECT_EQ(StemLanguage(Language::kPt), text::Language::kPortuguese);
  EXPECT_EQ(StemLanguage(Language::kEn), text::Language::kEnglish);
}

}  // namespace
}  // namespace brain
