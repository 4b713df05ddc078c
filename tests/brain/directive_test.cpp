// Sentences of a business context as owners write them: rules for the assistant, topics kept for
// people and facts for customers, in English, Spanish and Portuguese.
#include "brain/local/directive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "brain/local/business_context.h"

namespace brain {
namespace {

struct Row {
  const char* text;
  DirectiveKind kind;
};

constexpr DirectiveKind kRule = DirectiveKind::kRule;
constexpr DirectiveKind kTopic = DirectiveKind::kReservesTopic;

const char* Name(DirectiveKind kind) {
  switch (kind) {
    case DirectiveKind::kNone:
      return "kNone";
    case DirectiveKind::kRule:
      return "kRule";
    case DirectiveKind::kReservesTopic:
      return "kReservesTopic";
  }
  return "?";
}

constexpr Row kEnglishDirectives[] = {
    {"Never promise a delivery date.", kRule},
    {"Do not offer discounts.", kRule},
    {"Always ask for the order number.", kRule},
    {"Don't mention our competitors.", kRule},
    {"Never give legal advice.", kRule},
    {"Do not share other customers' details.", kRule},
    {"Always greet the customer by name.", kRule},
    {"Only quote prices that are written here.", kRule},
    {"Never invent a product we do not sell.", kRule},
    {"The bot must not discuss prices of custom work.", kRule},
    {"The assistant should always answer in the customer's language.", kRule},
    {"Never guarantee that an item will arrive before Christmas.", kRule},
    {"Ask for the order number before anything else.", kRule},
    {"Never talk about politics or religion.", kRule},
    {"Do not speculate about delivery delays.", kRule},
    {"Never reveal the name of our supplier.", kRule},
    {"Don't negotiate prices.", kRule},
    {"The AI should never ask for card numbers.", kRule},
    {"Never, ever promise a refund before the item is back with us.", kRule},
    {"Always apologize when an order is late.", kRule},
    {"- Never argue with a customer.", kRule},
    {"Always recommend the size guide when someone asks about fit.", kRule},
    {"Wholesale orders are handled by a person: hand the conversation to the team.", kTopic},
    {"Refunds are handled by our team.", kTopic},
    {"Pass complaints to the team.", kTopic},
    {"Custom orders are dealt with by our staff.", kTopic},
    {"Escalate complaints to a manager.", kTopic},
    {"Our team handles bulk orders.", kTopic},
    {"Transfer billing questions to a human.", kTopic},
    {"Event bookings are reserved for our staff.", kTopic},
    {"Forward warranty claims to the team.", kTopic},
    {"Leave custom frame quotes to a person.", kTopic},
    {"Leave questions about custom frames to a person.", kTopic},
    {"Refer medical questions to a person.", kTopic},
    {"Damaged deliveries are passed to a colleague.", kTopic},
    {"Corporate events are handled by a person from our team.", kTopic},
    {"Route installation questions to our staff.", kTopic},
    {"Hand refund requests over to a human.", kTopic},
    {"* Never promise a delivery date: pass those questions to the team.", kTopic},
};

constexpr Row kSpanishDirectives[] = {
    {"Nunca prometas plazos de entrega.", kRule},
    {"No ofrezcas descuentos.", kRule},
    {"Siempre pregunta por el número de pedido.", kRule},
    {"No menciones a la competencia.", kRule},
    {"Nunca des consejos médicos.", kRule},
    {"No compartas datos de otros clientes.", kRule},
    {"Pregunta siempre el nombre del cliente.", kRule},
    {"Solo confirma precios que estén en este texto.", kRule},
    {"No inventes productos que no vendemos.", kRule},
    {"El asistente debe responder siempre en español.", kRule},
    {"El bot no debe hablar de precios de trabajos a medida.", kRule},
    {"Nunca garantices una fecha de llegada.", kRule},
    {"Jamás negocies el precio.", kRule},
    {"No hables de política.", kRule},
    {"Siempre saluda al cliente por su nombre.", kRule},
    {"Nunca digas que un producto está en stock si no aparece aquí.", kRule},
    {"No recomiendes marcas de la competencia.", kRule},
    {"Siempre pide el número de pedido antes de nada.", kRule},
    {"No des precios de trabajos a medida.", kRule},
    {"Nunca confirmes una cita.", kRule},
    {"No uses emojis.", kRule},
    {"Los pedidos mayoristas los gestiona una persona del equipo.", kTopic},
    {"Pasa las quejas al equipo.", kTopic},
    {"Las devoluciones las gestiona nuestro equipo.", kTopic},
    {"Deriva las reclamaciones a una persona.", kTopic},
    {"Deriva las consultas de facturación a una persona.", kTopic},
    {"Los pedidos para empresas son atendidos por alguien del equipo.", kTopic},
    {"Las quejas sobre envíos dañados se pasan al equipo.", kTopic},
    {"Transfiere a un humano cualquier consulta sobre garantías.", kTopic},
    {"Los encargos personalizados los lleva una persona del equipo.", kTopic},
    {"Las reservas de grupos están reservadas al equipo.", kTopic},
    {"Pásalo al equipo si preguntan por pedidos al por mayor.", kTopic},
    {"Las facturas las gestiona el gerente.", kTopic},
    {"Los pedidos mayoristas se derivan a una persona.", kTopic},
    {"Los eventos privados los gestiona un humano.", kTopic},
    {"Pasa a una persona las consultas sobre alergias.", kTopic},
};

constexpr Row kPortugueseDirectives[] = {
    {"Nunca ofereça descontos.", kRule},
    {"Não prometa prazos de entrega.", kRule},
    {"Sempre pergunte o número do pedido.", kRule},
    {"Não mencione concorrentes.", kRule},
    {"Nunca compartilhe dados de outros clientes.", kRule},
    {"Pergunte sempre o nome do cliente.", kRule},
    {"Não invente produtos que não vendemos.", kRule},
    {"O assistente deve responder sempre em português.", kRule},
    {"O bot não deve falar sobre preços de trabalhos personalizados.", kRule},
    {"Jamais negocie o preço.", kRule},
    {"Nunca garanta uma data de chegada.", kRule},
    {"Não fale de política.", kRule},
    {"Sempre cumprimente o cliente pelo nome.", kRule},
    {"Nunca diga que um produto está em estoque se não estiver aqui.", kRule},
    {"Apenas confirme preços que estejam neste texto.", kRule},
    {"Não recomende marcas concorrentes.", kRule},
    {"Sempre peça o número do pedido.", kRule},
    {"Não use gírias.", kRule},
    {"A IA nunca deve pedir dados de cartão.", kRule},
    {"Reclamações são tratadas por uma pessoa da equipe.", kTopic},
    {"Encaminhe pedidos de atacado para a equipe.", kTopic},
    {"Pedidos de empresas são atendidos por alguém da equipe.", kTopic},
    {"Passe as devoluções para a equipe.", kTopic},
    {"Nossa equipe cuida dos pedidos personalizados.", kTopic},
    {"Transfira para um humano qualquer dúvida sobre garantia.", kTopic},
    {"Orçamentos de eventos são tratados pela equipe.", kTopic},
    {"Trocas de produtos com defeito são encaminhadas para uma pessoa.", kTopic},
    {"Pedidos de atacado ficam reservados para a equipe.", kTopic},
    {"Dúvidas sobre faturas são atendidas por um gerente.", kTopic},
    {"Encaminhe reclamações a uma pessoa.", kTopic},
    {"Casos de alergia são tratados por uma pessoa.", kTopic},
    {"A equipe atende os pedidos de atacado.", kTopic},
    {"Pedidos acima de 10 unidades são passados para a equipe.", kTopic},
};

// Facts for customers: shown to them, never kept from them.
constexpr const char* kEnglishFacts[] = {
    "Monday to Friday: 9:00 to 18:00",
    "Saturday: 10:00 to 17:00",
    "Closed on Sundays and public holidays.",
    "We are at 12 High Street, Bristol.",
    "Do not tumble dry.",
    "Do not bleach.",
    "Wash at 30 degrees, inside out.",
    "Send a photo within 48 hours and a person will help.",
    "Returns are free within 30 days.",
    "A person replies the next opening day.",
    "Shipping to the mainland costs 4.90 EUR.",
    "Free delivery on orders over 50 EUR.",
    "Never leave leather shoes near a radiator.",
    "Always keep your receipt.",
    "Our team answers emails within 24 hours.",
    "Gift cards are valid for one year.",
    "Orders placed before 14:00 ship the same day.",
    "Custom engraving costs 15 EUR per item.",
    "We accept Visa, Mastercard and PayPal.",
    "Repairs take 5 to 7 working days.",
    "Items on sale cannot be exchanged.",
    "Our staff will help you choose the right size.",
    "Pick-up orders are kept for 7 days.",
    "Parcels left with a neighbour are the customer's responsibility.",
    "Orders are handled within two working days.",
    "- Trail Runner: 79.90 EUR",
};

constexpr const char* kSpanishFacts[] = {
    "Lunes a viernes de 9:00 a 18:00.",
    "Sábados de 10:00 a 14:00.",
    "Cerramos los domingos y festivos.",
    "Estamos en la Calle Mayor 5, Madrid.",
    "No aceptamos devoluciones de productos personalizados.",
    "No lavar en secadora.",
    "Lavar a mano con agua fría.",
    "Las devoluciones son gratuitas durante 30 días.",
    "El envío a la península cuesta 4,90 €.",
    "Nuestro equipo responde en menos de 24 horas.",
    "Siempre hay aparcamiento gratuito detrás de la tienda.",
    "Una persona del equipo te responderá el siguiente día laborable.",
    "Aceptamos tarjeta, Bizum y efectivo.",
    "No se admiten cambios en artículos rebajados.",
    "Los pedidos se gestionan en 24 horas.",
    "Solo trabajamos con cita previa.",
};

constexpr const char* kPortugueseFacts[] = {
    "Sempre de segunda a sexta, das 9h às 18h.",
    "Sábado: das 10h às 14h.",
    "Fechado aos domingos e feriados.",
    "Estamos na Rua Augusta 100, Lisboa.",
    "Não lavar na máquina.",
    "As trocas são gratuitas em até 30 dias.",
    "Frete grátis para compras acima de 200 reais.",
    "Uma pessoa da equipe responde no próximo dia útil.",
    "Aceitamos Pix, cartão e boleto.",
    "Os consertos levam de 5 a 7 dias.",
    "Não aceitamos devoluções de produtos personalizados.",
    "Apenas pagamentos à vista têm desconto.",
    "Nunca deixe o couro perto de fontes de calor.",
    "Sempre guarde a nota fiscal.",
    // "deixe" is no verb of handing: this is where a customer leaves a parcel.
    "Deixe sua encomenda com a pessoa da portaria.",
};

void ExpectKinds(std::span<const Row> rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(Name(ClassifyDirective(row.text)), std::string(Name(row.kind))) << row.text;
  }
}

void ExpectFacts(std::span<const char* const> facts) {
  for (const char* fact : facts) {
    EXPECT_EQ(Name(ClassifyDirective(fact)), std::string("kNone")) << fact;
  }
}

TEST(DirectiveTest, TablesHoldEnoughSentencesOfEachLanguage) {
  for (std::span<const Row> rows :
       {std::span<const Row>(kEnglishDirectives), std::span<const Row>(kSpanishDirectives),
        std::span<const Row>(kPortugueseDirectives)}) {
    EXPECT_GE(rows.size(), 15u);
    EXPECT_TRUE(std::ranges::any_of(rows, [](const Row& r) { return r.kind == kRule; }));
    EXPECT_TRUE(std::ranges::any_of(rows, [](const Row& r) { return r.kind == kTopic; }));
  }
  EXPECT_GE(std::size(kEnglishDirectives) + std::size(kSpanishDirectives) +
                std::size(kPortugueseDirectives),
            60u);
  EXPECT_GE(std::size(kEnglishFacts) + std::size(kSpanishFacts) + std::size(kPortugueseFacts), 40u);
}

TEST(DirectiveTest, EnglishRulesAndTopicsKeptForPeople) { ExpectKinds(kEnglishDirectives); }

TEST(DirectiveTest, SpanishRulesAndTopicsKeptForPeople) { ExpectKinds(kSpanishDirectives); }

TEST(DirectiveTest, PortugueseRulesAndTopicsKeptForPeople) { ExpectKinds(kPortugueseDirectives); }

TEST(DirectiveTest, EnglishFactsForCustomersAreNotDirectives) { ExpectFacts(kEnglishFacts); }

TEST(DirectiveTest, SpanishFactsForCustomersAreNotDirectives) { ExpectFacts(kSpanishFacts); }

TEST(DirectiveTest, PortugueseFactsForCustomersAreNotDirectives) { ExpectFacts(kPortugueseFacts); }

TEST(DirectiveTest, EmptyTextIsNoDirective) {
  EXPECT_EQ(ClassifyDirective(""), DirectiveKind::kNone);
  EXPECT_EQ(ClassifyDirective("  - "), DirectiveKind::kNone);
}

TEST(DirectiveHeadingTest, HeadingsThatNameTheAssistantOrItsRules) {
  for (const char* heading :
       {"Rules for the assistant", "Rules", "Instructions for the bot", "Guidelines",
        "AI assistant", "Instrucciones para el bot", "Reglas", "Reglas del asistente", "Regras",
        "Instruções para a IA", "Diretrizes do assistente", "Chatbot"}) {
    EXPECT_TRUE(IsAssistantHeading(heading)) << heading;
  }
  for (const char* heading :
       {"Opening hours", "Returns", "Shipping", "Address", "About us", "Horario", "Devoluciones",
        "Dirección", "Envíos", "Horário", "Trocas e devoluções", "Endereço", "Pagamentos", "",
        "Care instructions", "House rules", "Instrucciones de lavado", "Regras da casa"}) {
    EXPECT_FALSE(IsAssistantHeading(heading)) << heading;
  }
}

bool Has(const std::vector<std::string>& words, std::string_view word) {
  return std::ranges::find(words, word) != words.end();
}

TEST(DirectiveTopicWordsTest, KeepsTheTopicAndDropsTheHandingPhrase) {
  const std::vector<std::string> topic = ReservedTopicWords(
      "Wholesale or trade orders (10 or more units of one item, shops, hotels, restaurants) are "
      "handled by a person: hand the conversation to the team.");
  for (const char* word :
       {"wholesale", "trade", "orders", "units", "shops", "hotels", "restaurants"}) {
    EXPECT_TRUE(Has(topic, word)) << word;
  }
  for (const char* word : {"hand", "handled", "person", "team", "conversation", "10"}) {
    EXPECT_FALSE(Has(topic, word)) << word;
  }
}

TEST(DirectiveTopicWordsTest, SpanishAndPortugueseTopics) {
  const std::vector<std::string> es =
      ReservedTopicWords("Los pedidos mayoristas los gestiona siempre una persona del equipo.");
  EXPECT_TRUE(Has(es, "pedidos"));
  EXPECT_TRUE(Has(es, "mayoristas"));
  for (const char* word : {"gestiona", "siempre", "persona", "equipo"}) {
    EXPECT_FALSE(Has(es, word)) << word;
  }
  const std::vector<std::string> pt =
      ReservedTopicWords("Encaminhe pedidos de atacado para a equipe.");
  EXPECT_TRUE(Has(pt, "pedidos"));
  EXPECT_TRUE(Has(pt, "atacado"));
  for (const char* word : {"encaminhe", "equipe"}) EXPECT_FALSE(Has(pt, word)) << word;
}

TEST(DirectiveTopicWordsTest, FoldsAccentsAndCase) {
  const std::vector<std::string> topic =
      ReservedTopicWords("Reclamações são tratadas por uma pessoa da equipe.");
  EXPECT_TRUE(Has(topic, "reclamacoes"));
  EXPECT_FALSE(Has(topic, "tratadas"));
  EXPECT_FALSE(Has(topic, "pessoa"));
}

}  // namespace
}  // namespace brain

namespace brain {
namespace {

TEST(DirectiveClauseTest, AnInstructionAnywhereInTheSentenceIsARule) {
  for (const char* sentence :
       {"Please never promise a delivery date.", "Important: never promise a delivery date.",
        "Shipping is 5 USD; never promise a delivery date.",
        "Por favor, nunca prometas plazos de entrega."}) {
    EXPECT_EQ(ClassifyDirective(sentence), DirectiveKind::kRule) << sentence;
  }
}

TEST(DirectiveClauseTest, ATeamDescribedIsAFactATeamHandedToKeepsTheTopic) {
  EXPECT_EQ(ClassifyDirective("Repairs are handled by our team of certified mechanics."),
            DirectiveKind::kNone);
  EXPECT_EQ(ClassifyDirective("Refunds are handled by our team."), DirectiveKind::kReservesTopic);
  EXPECT_EQ(ClassifyDirective("Hand refund requests to the team."), DirectiveKind::kReservesTopic);
}

TEST(DirectiveClauseTest, UnderAHeadingForTheAssistantAnImperativeIsARule) {
  for (const char* sentence : {"Reply in the customer's language.", "Be brief and warm.",
                               "Mention the loyalty card when a customer buys a bike.",
                               "Offer free assembly only to members."}) {
    EXPECT_EQ(ClassifyDirective(sentence, /*under_assistant_heading=*/true), DirectiveKind::kRule)
        << sentence;
    EXPECT_EQ(ClassifyDirective(sentence), DirectiveKind::kNone) << sentence;  // a fact elsewhere
  }
  EXPECT_EQ(ClassifyDirective("There are no discount codes at the moment.", true),
            DirectiveKind::kNone);
}

TEST(DirectiveClauseTest, ARuleRightAfterAListItemIsNotPartOfIt) {
  const BusinessContext context =
      ReadBusinessContext("# Delivery\n- Porto: 2-3 days\nNever promise a delivery date.\n");
  ASSERT_EQ(context.passages.size(), 1u);
  EXPECT_EQ(context.passages[0].body, "- Porto: 2-3 days");
  ASSERT_EQ(context.rules.size(), 1u);
  EXPECT_EQ(context.rules[0].text, "Never promise a delivery date.");
}

}  // namespace
}  // namespace brain
