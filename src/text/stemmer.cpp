#include "text/stemmer.h"

#include <libstemmer.h>

#include <climits>

namespace text {
namespace {

const char* AlgorithmName(Language language) {
  switch (language) {
    case Language::kEnglish:
      return "english";
    case Language::kSpanish:
      return "spanish";
    case Language::kPortuguese:
      return "portuguese";
  }
  return "english";
}

}  // namespace

void Stemmer::Deleter::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Stemmer::Stemmer(Language language, sb_stemmer* stemmer)
    : language_(language), stemmer_(stemmer), mutex_(std::make_unique<std::mutex>()) {}

base::Result<Stemmer> Stemmer::Create(Language language) {
  sb_stemmer* stemmer = sb_stemmer_new(AlgorithmName(language), "UTF_8");
  if (stemmer == nullptr) {
    return base::Error::Internal(std::string("no Snowball stemmer for ") + AlgorithmName(language));
  }
  return Stemmer(language, stemmer);
}

std::string Stemmer::Stem(std::string_view word) const {
  if (word.empty() || word.size() > static_cast<std::size_t>(INT_MAX)) return std::string(word);
  std::lock_guard lock(*mutex_);
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (stem == nullptr) return std::string(word);  // out of memory inside libstemmer
  return std::string(reinterpret_cast<const char*>(stem),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
}

}  // namespace text
