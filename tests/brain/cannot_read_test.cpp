// The local brain and what a customer sends instead of words (photos, voice notes, locations...).
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "brain/local/local_brain.h"
#include "brain/local/replies.h"

namespace brain {
namespace {

using core::Attachment;
using core::Language;

class CannotReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Product shoes;
    shoes.name = "Trail Running Shoes";
    shoes.price = "79.90";
    shoes.currency = "EUR";
    shoes.category = "Shoes";
    core::Catalog catalog;
    catalog.products = {shoes};
    core::AgentConfig config;
    config.default_language = Language::kEn;
    auto made = LocalBrain::Create(config, catalog);
    ASSERT_TRUE(made.ok()) << made.error().message;
    brain_ = std::move(made).value();
  }

  core::Proposal Propose(std::vector<Attachment> attachments, std::vector<std::string> words = {},
                         std::optional<Language> language = std::nullopt,
                         std::optional<core::PendingQuestion> pending = std::nullopt) {
    core::BrainInput input;
    input.customer_messages = std::move(words);
    input.attachments = std::move(attachments);
    input.language = language;
    input.pending_question = std::move(pending);
    auto proposal = brain_->Propose(input);
    EXPECT_TRUE(proposal.ok());
    return proposal.ok() ? proposal.value() : core::Proposal{};
  }

  std::unique_ptr<LocalBrain> brain_;
};

TEST_F(CannotReadTest, SaysWhatItCannotOpenAndAsksForWordsInTheConversationsLanguage) {
  const core::Proposal en = Propose({Attachment::kImage});
  EXPECT_EQ(en.reply, "I can't open images here. Could you tell me in words what you need?");
  EXPECT_FALSE(en.asked);
  EXPECT_FALSE(en.answered);
  EXPECT_FALSE(en.handoff);
  EXPECT_FALSE(en.answer);

  const core::Proposal es = Propose({Attachment::kAudio}, {}, Language::kEs);
  EXPECT_EQ(es.language, Language::kEs);
  EXPECT_EQ(es.reply, "No puedo escuchar audios aquí. ¿Podrías decirme por escrito qué necesitas?");

  const core::Proposal pt = Propose({Attachment::kDocument}, {}, Language::kPt);
  EXPECT_EQ(pt.reply,
            "Não consigo abrir arquivos aqui. Pode me dizer por escrito o que você precisa?");
}

TEST_F(CannotReadTest, ThanksForALocationOrAContactCard) {
  EXPECT_EQ(Propose({Attachment::kLocation}).reply,
            "Thanks for the location, but I can't open maps here. Could you tell me in words what "
            "you need?");
  EXPECT_EQ(Propose({Attachment::kContacts}, {}, Language::kEs).reply,
            "Gracias por el contacto, pero no puedo abrir tarjetas de contacto aquí. ¿Podrías "
            "decirme por escrito qué necesitas?");
}

TEST_F(CannotReadTest, AMixOfKindsGetsTheGeneralWordingAndStickersAreLikeEmoji) {
  EXPECT_EQ(Propose({Attachment::kImage, Attachment::kImage}).reply,
            Propose({Attachment::kImage}).reply);
  EXPECT_EQ(Propose({Attachment::kImage, Attachment::kVideo}).reply,
            "I can't open that kind of message here. Could you tell me in words what you need?");
  EXPECT_EQ(Propose({Attachment::kSticker, Attachment::kImage}).reply,
            Propose({Attachment::kImage}).reply);
  const core::Proposal sticker = Propose({Attachment::kSticker});
  EXPECT_EQ(sticker.reply, "");
  EXPECT_FALSE(sticker.asked);
  EXPECT_EQ(Propose({}, {"\xF0\x9F\x91\x8D"}).reply, "");  // an emoji alone: nothing either
}

TEST_F(CannotReadTest, AnAttachmentIsNeverTakenAsTheAnswerToThePendingQuestion) {
  const core::Proposal p = Propose({Attachment::kImage}, {}, std::nullopt,
                                   core::PendingQuestion{0, "What is your budget?", "Budget"});
  EXPECT_FALSE(p.answer);
  EXPECT_EQ(p.reply, Propose({Attachment::kImage}).reply);
}

TEST_F(CannotReadTest, WordsNextToAnAttachmentAreReadFirst) {
  const core::Proposal found = Propose({Attachment::kImage}, {"Do you have trail running shoes?"});
  EXPECT_TRUE(found.answered);
  EXPECT_NE(found.reply.find("79.90 EUR"), std::string::npos) << found.reply;

  // Words that find nothing are probably about the photo: say it could not be opened.
  const core::Proposal unknown = Propose({Attachment::kImage}, {"how much is this one?"});
  EXPECT_TRUE(unknown.asked);
  EXPECT_FALSE(unknown.answered);
  EXPECT_EQ(unknown.reply, Propose({Attachment::kImage}).reply);
  // Without an attachment, the usual fallback that offers a person.
  EXPECT_TRUE(OffersPerson(Propose({}, {"how much is this one?"}).reply));
}

TEST(CannotReadReplyTest, IsEmptyWithoutAnythingToName) {
  EXPECT_EQ(CannotRead({}, Language::kEn), "");
  const std::vector<Attachment> none{Attachment::kNone, Attachment::kSticker};
  EXPECT_EQ(CannotRead(none, Language::kPt), "");
}

}  // namespace
}  // namespace brain
