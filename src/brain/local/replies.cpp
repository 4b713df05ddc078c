#include "brain/local/replies.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "text/fold.h"

namespace brain {
namespace {

struct Texts {
  core::Language language;
  std::string_view greeting;
  std::string_view thanks;
  std::string_view answer_thanks;
  std::string_view no_problem;
  std::string_view fallback_doubt;
  std::string_view fallback_offer;
  std::string_view several_products;
  std::string_view in_stock;  // after the number
  std::string_view out_of_stock;
  std::string_view passage_intro;
  std::string_view no_match;      // before what the customer specified
  std::string_view alternatives;  // before the closest products
  std::string_view ask_in_words;  // after what the brain could not open
};

constexpr Texts kTexts[] = {
    {core::Language::kEn, "Hi! How can I help you?", "You're welcome!", "Thanks!", "No problem.",
     "I'm not sure about that.", "Would you like me to connect you with someone from our team?",
     "Here is what we have:", "in stock", "out of stock",
     "Here's what I can tell you:", "I couldn't find one for",
     "The closest we have:", "Could you tell me in words what you need?"},
    {core::Language::kEs, "¡Hola! ¿En qué puedo ayudarte?", "¡De nada!", "¡Gracias!",
     "No hay problema.", "No estoy seguro de eso.",
     "¿Quieres que te ponga en contacto con alguien de nuestro equipo?", "Esto es lo que tenemos:",
     "en stock", "agotado", "Esto es lo que puedo decirte:", "No encontré uno para",
     "Lo más parecido que tenemos:", "¿Podrías decirme por escrito qué necesitas?"},
    {core::Language::kPt, "Olá! Como posso ajudar?", "De nada!", "Obrigado!", "Sem problema.",
     "Não tenho certeza sobre isso.",
     "Quer que eu coloque você em contato com alguém da nossa equipe?", "Isto é o que temos:",
     "em estoque", "esgotado", "Isto é o que posso dizer:", "Não encontrei um para",
     "O mais parecido que temos:", "Pode me dizer por escrito o que você precisa?"},
};

// What the brain cannot open, per attachment, in en, es, pt. kOther also words a mix of kinds.
struct CannotOpen {
  core::Attachment attachment;
  std::string_view en;
  std::string_view es;
  std::string_view pt;
};

constexpr CannotOpen kCannotOpen[] = {
    {core::Attachment::kImage, "I can't open images here.", "No puedo abrir imágenes aquí.",
     "Não consigo abrir imagens aqui."},
    {core::Attachment::kAudio, "I can't listen to audio messages here.",
     "No puedo escuchar audios aquí.", "Não consigo ouvir áudios aqui."},
    {core::Attachment::kVideo, "I can't play videos here.", "No puedo ver vídeos aquí.",
     "Não consigo ver vídeos aqui."},
    {core::Attachment::kDocument, "I can't open files here.", "No puedo abrir archivos aquí.",
     "Não consigo abrir arquivos aqui."},
    {core::Attachment::kLocation, "Thanks for the location, but I can't open maps here.",
     "Gracias por la ubicación, pero no puedo abrir mapas aquí.",
     "Obrigado pela localização, mas não consigo abrir mapas aqui."},
    {core::Attachment::kContacts, "Thanks for the contact, but I can't open contact cards here.",
     "Gracias por el contacto, pero no puedo abrir tarjetas de contacto aquí.",
     "Obrigado pelo contato, mas não consigo abrir cartões de contato aqui."},
    {core::Attachment::kShare, "I can't open shared posts or links here.",
     "No puedo abrir publicaciones ni enlaces compartidos aquí.",
     "Não consigo abrir publicações ou links compartilhados aqui."},
    {core::Attachment::kOther, "I can't open that kind of message here.",
     "No puedo abrir ese tipo de mensaje aquí.", "Não consigo abrir esse tipo de mensagem aqui."},
};

std::string_view CannotOpenText(core::Attachment attachment, core::Language language) {
  const CannotOpen* found = &kCannotOpen[std::size(kCannotOpen) - 1];  // kOther
  for (const CannotOpen& c : kCannotOpen) {
    if (c.attachment == attachment) found = &c;
  }
  switch (language) {
    case core::Language::kEn:
      return found->en;
    case core::Language::kEs:
      return found->es;
    case core::Language::kPt:
      return found->pt;
  }
  return found->en;
}

const Texts& For(core::Language language) {
  for (const Texts& t : kTexts) {
    if (t.language == language) return t;
  }
  return kTexts[0];
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Price(const core::Product& p) {
  if (p.price.empty()) return {};
  return p.currency.empty() ? p.price : p.price + " " + p.currency;
}

std::string Stock(const core::Product& p, const Texts& t) {
  if (!p.stock) return {};
  if (*p.stock <= 0) return std::string(t.out_of_stock);
  return std::to_string(*p.stock) + " " + std::string(t.in_stock);
}

// "Trail Runner: 79.90 EUR, 12 in stock"
std::string Summary(const core::Product& p, const Texts& t) {
  std::string out = p.name;
  std::string facts = Price(p);
  const std::string stock = Stock(p, t);
  if (!stock.empty()) facts += facts.empty() ? stock : ", " + stock;
  if (!facts.empty()) out += ": " + facts;
  return out;
}

// Columns that help search but mean nothing to a customer.
bool IsSearchHelper(const core::ProductAttribute& a) {
  static constexpr std::string_view kHelpers[] = {"keywords", "keyword", "tags", "tag", "search"};
  const std::string name = text::Fold(a.name);
  return std::find(std::begin(kHelpers), std::end(kHelpers), name) != std::end(kHelpers);
}

// "colour: red; size: 42"
std::string Attributes(const core::Product& p) {
  std::string out;
  std::size_t shown = 0;
  for (const core::ProductAttribute& a : p.attributes) {
    if (a.value.empty() || IsSearchHelper(a) || shown == kMaxAttributesInReply) continue;
    if (!out.empty()) out += "; ";
    out += a.name + ": " + a.value;
    ++shown;
  }
  return out;
}

// The first sentence of the description, when short.
std::string Lead(const core::Product& p) {
  std::string_view d = p.description;
  const auto start = d.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  d.remove_prefix(start);
  std::size_t end = 0;  // after the first '.', '!' or '?' that ends a sentence, or a line break
  while (end < d.size() && d[end] != '\n') {
    const bool mark = d[end] == '.' || d[end] == '!' || d[end] == '?';
    ++end;
    if (mark && (end == d.size() || d[end] == ' ' || d[end] == '\n')) break;
  }
  std::string out(d.substr(0, end));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\r')) {
    out.pop_back();
  }
  if (out.empty() || out.size() > kMaxDescriptionChars) return {};
  if (out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

// The first attribute whose value tells `p` apart from the other products of its name.
std::string Distinguishing(const core::Product& p, std::span<const core::Product* const> all) {
  for (const core::ProductAttribute& a : p.attributes) {
    if (a.value.empty() || IsSearchHelper(a)) continue;
    const bool differs = std::any_of(all.begin(), all.end(), [&](const core::Product* o) {
      if (o == &p || o->name != p.name) return false;
      const auto same = std::find_if(o->attributes.begin(), o->attributes.end(),
                                     [&](const auto& b) { return b.name == a.name; });
      return same == o->attributes.end() || same->value != a.value;
    });
    if (differs) return a.name + ": " + a.value;
  }
  return {};
}

}  // namespace

std::string GreetingReply(core::Language language) { return std::string(For(language).greeting); }
std::string ThanksReply(core::Language language) { return std::string(For(language).thanks); }
std::string AnswerThanks(core::Language language) {
  return std::string(For(language).answer_thanks);
}

std::string NoProblemReply(core::Language language) {
  return std::string(For(language).no_problem);
}

std::string Fallback(core::Language language) {
  const Texts& t = For(language);
  return std::string(t.fallback_doubt) + " " + std::string(t.fallback_offer);
}

std::string CannotRead(std::span<const core::Attachment> attachments, core::Language language) {
  std::optional<core::Attachment> kind;
  for (const core::Attachment a : attachments) {
    if (a == core::Attachment::kNone || a == core::Attachment::kSticker) continue;
    kind = !kind || *kind == a ? a : core::Attachment::kOther;
  }
  if (!kind) return {};
  return std::string(CannotOpenText(*kind, language)) + " " +
         std::string(For(language).ask_in_words);
}

bool OffersPerson(std::string_view ai_text) {
  for (const Texts& t : kTexts) {
    if (ai_text.find(t.fallback_offer) != std::string_view::npos) return true;
  }
  return false;
}

std::string DescribeProducts(std::span<const core::Product* const> products,
                             core::Language language) {
  const Texts& t = For(language);
  if (products.size() == 1) {
    const core::Product& p = *products.front();
    std::string out = Summary(p, t) + ".";
    if (const std::string lead = Lead(p); !lead.empty()) out += " " + lead;
    if (const std::string attributes = Attributes(p); !attributes.empty()) {
      out += " " + attributes + ".";
    }
    return out;
  }
  std::string out(t.several_products);
  for (const core::Product* p : products) {
    out += "\n- " + Summary(*p, t);
    // Products of the same name (a mug in two colours) are told apart by what differs.
    const bool shared_name = std::count_if(products.begin(), products.end(),
                                           [&](const auto* o) { return o->name == p->name; }) > 1;
    if (shared_name) {
      if (const std::string differs = Distinguishing(*p, products); !differs.empty()) {
        out += " (" + differs + ")";
      }
    }
  }
  return out;
}

std::string DescribeAlternatives(std::string_view unmatched,
                                 std::span<const core::Product* const> products,
                                 core::Language language) {
  const Texts& t = For(language);
  std::string out =
      std::string(t.no_match) + " " + std::string(unmatched) + ". " + std::string(t.alternatives);
  for (const core::Product* p : products) {
    out += "\n- " + Summary(*p, t);
    if (const std::string attributes = Attributes(*p); !attributes.empty()) {
      out += " (" + attributes + ")";
    }
  }
  return out;
}

std::string QuoteSentences(std::string_view heading, std::span<const Sentence> sentences,
                           core::Language language) {
  // "Opening hours (horario / horário)": the translations are for the search, not the customer.
  if (const auto paren = heading.find(" ("); paren != std::string_view::npos) {
    heading = heading.substr(0, paren);
  }
  std::string quote;
  if (sentences.size() == 1 && !sentences.front().list_item) {
    quote = sentences.front().text;
  } else if (sentences.size() == 1) {
    quote = heading.empty() ? sentences.front().text
                            : std::string(heading) + ": " + sentences.front().text;
  } else {
    quote = heading.empty() ? "" : std::string(heading) + ":";
    for (const Sentence& s : sentences) quote += (quote.empty() ? "- " : "\n- ") + s.text;
  }
  return std::string(For(language).passage_intro) + "\n" + Shorten(quote, kMaxQuoteChars);
}

std::string Shorten(std::string_view utf8, std::size_t max_chars) {
  if (utf8.size() <= max_chars) return std::string(utf8);
  std::size_t cut = max_chars;
  while (cut > 0 && IsContinuation(utf8[cut])) --cut;
  const std::size_t space = utf8.substr(0, cut).find_last_of(" \n");
  if (space != std::string_view::npos && space > 0) cut = space;
  return std::string(utf8.substr(0, cut)) + "…";
}

}  // namespace brain
