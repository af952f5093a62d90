package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// Language detection settings.
const (
	// langSampleBytes is how much of a text DetectLanguage looks at: the opening of a news
	// article decides its language, and the bound keeps the cost flat for long texts.
	langSampleBytes = 1024
	// langMinLetters is the fewest letters an alphabetic text needs for a verdict.
	langMinLetters = 20
	// langMinIdeographs is the fewest letters a text written in Chinese, Japanese or Korean
	// script needs (one such character carries about a word).
	langMinIdeographs = 6
	// Undetermined is the code DetectLanguage returns when it cannot decide.
	Undetermined = "und"
)

// newsLanguages are the languages DetectLanguage chooses among: the main languages of news
// publishing. Restricting the trigram comparison to them keeps short texts from being assigned
// to a rare language that happens to share their trigrams (English to Afrikaans, Malay to
// Javanese). A text in a language outside this list gets the nearest listed one, or "und".
var newsLanguages = map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Spa: true, whatlanggo.Fra: true, whatlanggo.Deu: true,
	whatlanggo.Ita: true, whatlanggo.Por: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Rus: true, whatlanggo.Ukr: true, whatlanggo.Bul: true, whatlanggo.Srp: true,
	whatlanggo.Arb: true, whatlanggo.Pes: true, whatlanggo.Urd: true, whatlanggo.Heb: true,
	whatlanggo.Tur: true, whatlanggo.Cmn: true, whatlanggo.Jpn: true, whatlanggo.Kor: true,
	whatlanggo.Hin: true, whatlanggo.Ben: true, whatlanggo.Ind: true, whatlanggo.Vie: true,
	whatlanggo.Tha: true, whatlanggo.Swe: true, whatlanggo.Dan: true, whatlanggo.Nob: true,
	whatlanggo.Fin: true, whatlanggo.Ces: true, whatlanggo.Slv: true, whatlanggo.Hun: true,
	whatlanggo.Ron: true, whatlanggo.Ell: true, whatlanggo.Hrv: true, whatlanggo.Est: true,
	whatlanggo.Tgl: true, whatlanggo.Lit: true, whatlanggo.Lav: true, whatlanggo.Ydd: true, whatlanggo.Mar: true,
}

var newsLangOptions = whatlanggo.Options{Whitelist: newsLanguages}

// diacriticLanguages are Latin-script news languages in which a sentence practically never lacks
// letters outside ASCII (ş ğ ı, ł ż ą, ř ě, ő ű, ă ș ț, đ ư ơ, č š ž, ā ē ī, õ, å ä ö ø …): the
// Nordic ones through their most frequent words (på, är, också, että).
var diacriticLanguages = map[whatlanggo.Lang]bool{
	whatlanggo.Tur: true, whatlanggo.Pol: true, whatlanggo.Ces: true, whatlanggo.Slv: true,
	whatlanggo.Hun: true, whatlanggo.Ron: true, whatlanggo.Vie: true, whatlanggo.Lav: true,
	whatlanggo.Lit: true, whatlanggo.Hrv: true, whatlanggo.Est: true, whatlanggo.Srp: true,
	whatlanggo.Swe: true, whatlanggo.Dan: true, whatlanggo.Nob: true, whatlanggo.Fin: true,
}

// asciiLangOptions restrict the choice to news languages that can be written in plain ASCII.
var asciiLangOptions = func() whatlanggo.Options {
	w := map[whatlanggo.Lang]bool{}
	for l := range newsLanguages {
		if !diacriticLanguages[l] {
			w[l] = true
		}
	}
	return whatlanggo.Options{Whitelist: w}
}()

// hasNonASCIILetter reports whether s holds a letter outside ASCII.
func hasNonASCIILetter(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// DetectLanguage returns the ISO 639-1 code of the language of s ("en", "es", "ar", "zh" …),
// or "und" when s has too few letters to decide or its language has no ISO 639-1 code. It
// reads at most the first 1 KiB of s. Text dense in English function words is English at once; Scripts used by one news language decide at once (Hebrew
// letters give "he", Hangul "ko", kana "ja", Greek "el"); otherwise letter trigrams are
// compared with the profiles of about forty news languages (through whatlanggo).
func DetectLanguage(s string) string {
	sample := s
	if len(sample) > langSampleBytes {
		cut := langSampleBytes
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	var letters, cjk, kana, hangul int
	for _, r := range sample {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
			cjk++
		case unicode.Is(unicode.Hangul, r):
			hangul++
			cjk++
		case unicode.Is(unicode.Han, r):
			cjk++
		}
	}
	switch {
	case letters == 0:
		return Undetermined
	case 2*cjk >= letters:
		if cjk < langMinIdeographs {
			return Undetermined
		}
		switch {
		case 10*kana >= cjk:
			return "ja"
		case 2*hangul >= cjk:
			return "ko"
		}
		return "zh"
	case letters < langMinLetters:
		return Undetermined
	}
	if isClearlyEnglish(sample) {
		return "en"
	}
	if common := dropCapitalised(sample); countLetters(common) >= langMinLetters {
		// Names carry the trigrams of their own language, not the text's: on short texts
		// full of names ("Yahya Sinwar", "Benjamin Netanyahu") they mislead.
		sample = common
	}
	info := whatlanggo.DetectWithOptions(sample, newsLangOptions)
	if info.Lang < 0 {
		return Undetermined
	}
	if diacriticLanguages[info.Lang] && !hasNonASCIILetter(sample) {
		// Names and loanwords can make a plain-ASCII text look Turkish or Polish by its
		// trigrams; those languages are not written without their accented letters.
		info = whatlanggo.DetectWithOptions(sample, asciiLangOptions)
		if info.Lang < 0 {
			return Undetermined
		}
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code
	}
	return Undetermined
}

// englishFunctionWords are frequent English words that are not words of the other main Latin-
// script news languages ("in", "is", "an", "die" … are left out for that reason).
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "that": true, "for": true, "with": true,
	"was": true, "were": true, "said": true, "has": true, "have": true, "been": true, "by": true,
	"from": true, "this": true, "it": true, "its": true, "at": true, "be": true, "are": true,
	"will": true, "would": true, "on": true, "as": true, "but": true, "not": true, "which": true,
	"who": true, "they": true, "their": true, "he": true, "she": true, "his": true, "her": true,
	"had": true, "after": true, "about": true, "we": true, "or": true, "also": true,
}

// isClearlyEnglish reports whether at least a fifth of the words of s (and at least six words)
// are English function words: a fast, safe verdict for the common case.
func isClearlyEnglish(s string) bool {
	words, hits := 0, 0
	start := -1
	var buf [16]byte
	for i := 0; i <= len(s); i++ {
		var c byte = ' '
		if i < len(s) {
			c = s[i]
		}
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		if alpha {
			if start < 0 {
				start = i
			}
			continue
		}
		if start < 0 {
			continue
		}
		w := s[start:i]
		start = -1
		words++
		if len(w) > len(buf) {
			continue
		}
		lw := buf[:len(w)]
		for j := 0; j < len(w); j++ {
			b := w[j]
			if b >= 'A' && b <= 'Z' {
				b += 'a' - 'A'
			}
			lw[j] = b
		}
		if englishFunctionWords[string(lw)] {
			hits++
		}
	}
	return hits >= 6 && 5*hits >= words
}

// dropCapitalised returns s without its words that start with an upper-case letter (mostly
// names, in languages that have case). Words are kept apart by single spaces.
func dropCapitalised(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// countLetters returns the number of letters in s.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
