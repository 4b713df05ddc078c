#include "text/values.h"

#include <gtest/gtest.h>

namespace text {
namespace {

TEST(FindEmailTest, FindsTheAddressAndLowerCasesItsDomain) {
  EXPECT_EQ(FindEmail("it's Ana.Souza+shop@Example.COM thanks"), "Ana.Souza+shop@example.com");
  EXPECT_EQ(FindEmail("mail: joao@correio.com.br."), "joao@correio.com.br");
  EXPECT_EQ(FindEmail("(ana@x.pt)"), "ana@x.pt");
}

TEST(FindEmailTest, RefusesWhatIsNoAddress) {
  EXPECT_EQ(FindEmail("meet me @ 5"), std::nullopt);
  EXPECT_EQ(FindEmail("ana@localhost"), std::nullopt);
  EXPECT_EQ(FindEmail("ana@x.c"), std::nullopt);
  EXPECT_EQ(FindEmail("ana@x..com"), std::nullopt);
  EXPECT_EQ(FindEmail("@handle on instagram"), std::nullopt);
}

TEST(FindPhoneTest, KeepsThePlusAndTheDigits) {
  EXPECT_EQ(FindPhone("call me on +351 912-345 678 after 6"), "+351912345678");
  EXPECT_EQ(FindPhone("(11) 98765-4321"), "11987654321");
  EXPECT_EQ(FindPhone("612.34.56.78"), "612345678");
  EXPECT_EQ(FindPhone("mi número es 612345678"), "612345678");
}

TEST(FindPhoneTest, RefusesDatesCodesShortNumbersAndEmailDigits) {
  EXPECT_EQ(FindPhone("on 2026-01-05 please"), std::nullopt);
  EXPECT_EQ(FindPhone("order 12345"), std::nullopt);
  EXPECT_EQ(FindPhone("code ab1234567"), std::nullopt);
  EXPECT_EQ(FindPhone("ana1234567@mail.com"), std::nullopt);
  EXPECT_EQ(FindPhone("1234567890123456"), std::nullopt);  // 16 digits
}

TEST(ReadContactDetailsTest, ReadsNameEmailAndPhoneInEachLanguage) {
  EXPECT_EQ(ReadContactDetails("Ana Souza, ana@example.com"),
            (ContactDetails{"Ana Souza", "ana@example.com", ""}));
  EXPECT_EQ(ReadContactDetails("my name is ana and my number is 912 345 678"),
            (ContactDetails{"Ana", "", "912345678"}));
  EXPECT_EQ(ReadContactDetails("soy Lucía, mi teléfono es +34 612 34 56 78"),
            (ContactDetails{"Lucía", "", "+34612345678"}));
  EXPECT_EQ(ReadContactDetails("Meu nome é João Pedro e meu email é jp@mail.com.br"),
            (ContactDetails{"João Pedro", "jp@mail.com.br", ""}));
  EXPECT_EQ(ReadContactDetails("ana@example.com - ana maria da silva").name, "Ana Maria da Silva");
}

TEST(ReadContactDetailsTest, TakesANameOnlyBesideDetailsOrAfterAnIntroduction) {
  EXPECT_EQ(ReadContactDetails("me llamo Marta"), (ContactDetails{"Marta", "", ""}));
  EXPECT_TRUE(ReadContactDetails("no thanks, just connect me").empty());
  EXPECT_TRUE(ReadContactDetails("I'd rather not").empty());
  EXPECT_TRUE(ReadContactDetails("I'm in a hurry").empty());
  EXPECT_TRUE(ReadContactDetails("sure").empty());
  // Words that are no name stay out of it, and a sentence is no name.
  EXPECT_EQ(ReadContactDetails("thanks! 912345678"), (ContactDetails{"", "", "912345678"}));
  EXPECT_EQ(ReadContactDetails("you can call me at 912345678 any time after lunch").name, "");
}

}  // namespace
}  // namespace text
