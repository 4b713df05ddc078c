// Snowball stemming (libstemmer) for the languages the text module knows.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/result.h"

struct sb_stemmer;

namespace text {

// The languages with stemmers and stopword lists.
enum class Language { kEnglish, kSpanish, kPortuguese };
inline constexpr std::array<Language, 3> kLanguages = {Language::kEnglish, Language::kSpanish,
                                                       Language::kPortuguese};

// One Snowball stemmer. libstemmer's stemmers are not thread-safe, so calls are serialised by an
// internal mutex: Stem is safe to call from several threads at once. Movable, not copyable.
class Stemmer {
 public:
  // Returns the stemmer for `language`, or kInternal when libstemmer lacks its algorithm.
  static base::Result<Stemmer> Create(Language language);

  // The stem of `word` (UTF-8, expected folded, see text/fold.h); `word` itself when it is empty
  // or libstemmer fails.
  std::string Stem(std::string_view word) const;

  Language language() const { return language_; }

 private:
  struct Deleter {
    void operator()(sb_stemmer* s) const;
  };
  Stemmer(Language language, sb_stemmer* stemmer);

  Language language_;
  std::unique_ptr<sb_stemmer, Deleter> stemmer_;
  std::unique_ptr<std::mutex> mutex_;  // in a unique_ptr so that Stemmer stays movable
};

}  // namespace text
