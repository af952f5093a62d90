package clean

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Removal reasons recorded by the flattened-text cleaner (sitrep.Removal.Reason).
const (
	ReasonChrome     = "chrome"         // navigation, share/subscribe widgets, cookie banners
	ReasonFooter     = "footer"         // copyright and legal lines ("© 2019 …", "All rights reserved")
	ReasonBanner     = "banner"         // outlet banner above the headline ("Voz media US Voz.us")
	ReasonByline     = "byline"         // "Published by", "By Jane Doe"
	ReasonCredit     = "credit"         // photo caption or credit line ("… Oval Office/ Jim WatsonAFP")
	ReasonMeta       = "meta"           // date/time or reading-time line outside the body
	ReasonPromo      = "promo_headline" // ALL-CAPS headline of another story inside the body
	ReasonTitle      = "title"          // the headline (moved to Title)
	ReasonTitleAgain = "title_repeat"   // a later copy of the headline
	ReasonDateline   = "dateline"       // "WASHINGTON --" opening the body (moved to Dateline)
	ReasonBoiler     = "boilerplate"    // short non-sentence lines around the body (menus, lists)
	ReasonOutside    = "outside_body"   // text separated from the main body by page furniture
	ReasonRepeat     = "repeat"         // a short line that occurs more than once on the page (teasers, captions)
	ReasonComments   = "comments"       // reader comments after the article
	ReasonTrailing   = "trailing_tag"   // tag or category words after the last body line
	ReasonEmpty      = "empty"          // input with no usable text
	ReasonTruncated  = "removal_elided" // marker that a removal's text was shortened
	maxRemovalText   = 2000             // longest removed text kept verbatim in Removed
	maxLineRunes     = 1 << 20          // longer lines are not examined rune by rune for chrome
	titleMaxWords    = 30               // longest headline accepted, in words
	neutralStopRatio = 0.06             // below this share of stopwords the text is not English
	maxShortRun      = 3                // short lines between paragraphs are kept only in runs this short
)

// lineClass is what the classifier decided about one line.
type lineClass uint8

const (
	classShort lineClass = iota // too short to judge alone: decided by its neighbours
	classNear                   // sentence-like but short or weak: kept next to body lines
	classGood                   // a body paragraph
	classBad                    // debris; reason says which kind
)

// textLine is one non-empty input line with the features the classifier uses.
type textLine struct {
	text      string
	words     int
	stops     int
	capWords  int // words starting with an upper-case letter
	upper     int // upper-case letters
	lower     int // lower-case letters
	term      bool
	hasDomain bool // a token that looks like a web domain ("Voz.us", "example.com")
	weak      bool // marked as chrome only for containing a chrome word: may still be a headline
	norm      string
	normDone  bool
	insert    bool // debris inside the article (a caption, a promo headline): transparent
	inline    bool // a short chrome line between body paragraphs: transparent for sentences
	class     lineClass
	reason    string
	keep      bool
}

// cleanText cleans already-flattened text (a.Raw): it classifies each line as body or page
// debris, takes the headline into Title and the dateline into Dateline, and joins the body
// paragraphs with blank lines into a.Text. Every dropped line is recorded in a.Removed.
func (c *Cleaner) cleanText(ctx context.Context, a *sitrep.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// encoding damage is repaired before the lines are judged: mojibake such as "Ã©" would
	// otherwise look like a copyright sign, and odd spaces would split words
	var log repairLog
	raw := a.Raw
	for _, pass := range []func(string) []edit{sanitizeEdits, mojibakeEdits, charEdits} {
		raw, _ = applyEdits(raw, pass(raw), &log)
	}
	a.Repairs = append(a.Repairs, log.result()...)
	lines := splitLines(raw, lexicon())
	if len(lines) == 0 {
		a.Text = ""
		return nil
	}
	lx := lexicon()
	english := measure(lines, lx)
	markDebris(lines, lx, english)
	classify(lines, english)
	title := findTitle(lines, a.Title)
	markInserts(lines)
	smooth(lines)
	cutComments(lines)
	dropRepeats(lines)
	selectBody(lines)
	keepSentencesIfEmpty(lines)
	trimTail(lines)
	if a.Title == "" && title >= 0 {
		a.Title = stripSiteSuffix(lines[title].text)
	}
	dropTitleRepeats(lines, a.Title)

	var b strings.Builder
	first := true
	for i := range lines {
		l := &lines[i]
		if !l.keep {
			// a dateline alone on the line before the first body line: "WASHINGTON —"
			if first && i+1 < len(lines) && lines[i+1].keep && l.words <= 6 {
				if place, rest, ok := splitDateline(l.text, lx, true); ok && strings.TrimSpace(rest) == "" {
					if a.Dateline == "" {
						a.Dateline = place
					}
					l.reason = ReasonDateline
				}
			}
			a.Removed = append(a.Removed, removal(l.text, l.reason))
			if l.reason == ReasonByline && a.Author == "" {
				a.Author = bylineName(l.text)
			}
			continue
		}
		t := l.text
		if first {
			if place, rest, ok := splitDateline(t, lx, false); ok {
				if a.Dateline == "" {
					a.Dateline = place
				}
				a.Removed = append(a.Removed, removal(strings.TrimSpace(t[:len(t)-len(rest)]), ReasonDateline))
				t = rest
			}
			first = false
		} else {
			b.WriteString("\n\n")
		}
		b.WriteString(t)
	}
	a.Text = b.String()
	return nil
}

// removal builds a Removal, shortening very long texts so a garbage input cannot double memory.
func removal(text, reason string) sitrep.Removal {
	if len(text) > maxRemovalText {
		cut := maxRemovalText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	return sitrep.Removal{Text: text, Reason: reason}
}

// splitLines splits s into trimmed non-empty lines. A line broken inside a sentence (hard-wrapped
// text: the line does not end a sentence and the next one starts in lower case) is joined with
// the next one.
func splitLines(s string, lx *textLexicon) []textLine {
	var out []textLine
	prevOpen := false // the previous line was long and did not end a sentence
	for len(s) > 0 {
		var l string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			l, s = s, ""
		}
		l = strings.TrimFunc(l, unicode.IsSpace)
		if l == "" {
			prevOpen = false
			continue
		}
		if prevOpen && len(out) > 0 && (startsLower(l) || wrapped(out[len(out)-1].text, l, lx)) {
			out[len(out)-1].text += " " + l
		} else {
			out = append(out, textLine{text: l})
		}
		last := out[len(out)-1].text
		prevOpen = len(last) >= 30 && !endsSentence(last)
	}
	return out
}

// wrapped reports whether prev, a line that does not end a sentence, was broken at a fixed width
// in the middle of a sentence that next continues: prev has the length of a wrapped line and ends
// with a comma or a function word ("… the bridge on" / "Wednesday, concluding …").
func wrapped(prev, next string, lx *textLexicon) bool {
	if len(prev) < 40 || len(prev) > 110 || len(next) < 20 {
		return false
	}
	if strings.HasSuffix(prev, ",") {
		return true
	}
	i := strings.LastIndexByte(prev, ' ')
	return i > 0 && lx.stop[asciiLower(prev[i+1:])]
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// endsSentence reports whether s ends like a sentence: with . ! ? … or one of them followed by
// closing quotes or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '.', '!', '?', '…', '。', '！', '？':
			return true
		case '"', '”', '’', '\'', ')', ']', '»', '」', '』', '）':
			s = s[:len(s)-n]
			continue
		}
		return false
	}
	return false
}

// measure fills the word features of every line and reports whether the text reads as English
// (enough stopwords overall); the stopword rules are used only then.
func measure(lines []textLine, lx *textLexicon) bool {
	totalWords, totalStops := 0, 0
	for i := range lines {
		l := &lines[i]
		l.term = endsSentence(l.text)
		t := l.text
		if len(t) > maxLineRunes {
			t = t[:maxLineRunes]
		}
		inWord := false
		start := 0
		cjk := 0
		for j, r := range t {
			if r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)) {
				cjk++ // scripts written without spaces: count about one word per two characters
				if inWord {
					inWord = false
					l.addWord(t[start:j], lx)
				}
				continue
			}
			var isW bool
			switch {
			case r >= 'a' && r <= 'z':
				isW = true
				l.lower++
			case r >= 'A' && r <= 'Z':
				isW = true
				l.upper++
			case r < 0x80:
				isW = r >= '0' && r <= '9' || r == '\'' || r == '-' || r == '.'
			default:
				isW = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
				if unicode.IsUpper(r) {
					l.upper++
				} else if unicode.IsLower(r) {
					l.lower++
				}
			}
			if isW && !inWord {
				inWord, start = true, j
			} else if !isW && inWord {
				inWord = false
				l.addWord(t[start:j], lx)
			}
		}
		if inWord {
			l.addWord(t[start:], lx)
		}
		l.words += (cjk + 1) / 2
		totalWords += l.words
		totalStops += l.stops
	}
	return totalWords > 0 && float64(totalStops)/float64(totalWords) >= neutralStopRatio
}

func (l *textLine) addWord(w string, lx *textLexicon) {
	w = trimWordEdges(w)
	if w == "" {
		return
	}
	l.words++
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		l.capWords++
	}
	if len(w) <= 12 {
		var buf [12]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if lx.stopAny[string(buf[:len(w)])] {
			l.stops++
		}
	}
	if !l.hasDomain && looksLikeDomain(w) {
		l.hasDomain = true
	}
}

// trimWordEdges trims periods, hyphens and apostrophes from both ends of a word.
func trimWordEdges(w string) string {
	for len(w) > 0 {
		switch {
		case w[0] == '.' || w[0] == '-' || w[0] == '\'':
			w = w[1:]
		case strings.HasPrefix(w, "’"):
			w = w[len("’"):]
		default:
			goto right
		}
	}
right:
	for len(w) > 0 {
		switch c := w[len(w)-1]; {
		case c == '.' || c == '-' || c == '\'':
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "’"):
			w = w[:len(w)-len("’")]
		default:
			return w
		}
	}
	return w
}

// asciiLower lower-cases ASCII letters without allocating when s is already lower case.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// looksLikeDomain reports whether w looks like a web domain: letters, a dot and a 2–4 letter
// lower-case top-level label ("Voz.us", "nytimes.com"), not an initialism such as "U.S.".
func looksLikeDomain(w string) bool {
	i := strings.LastIndexByte(w, '.')
	if i <= 1 || i == len(w)-1 {
		return false
	}
	tld := w[i+1:]
	if len(tld) < 2 || len(tld) > 4 {
		return false
	}
	for j := 0; j < len(tld); j++ {
		if tld[j] < 'a' || tld[j] > 'z' {
			return false
		}
	}
	lower := 0
	for j := 0; j < i; j++ {
		if c := w[j]; c >= 'a' && c <= 'z' {
			lower++
		}
	}
	return lower >= 1
}

func (l *textLine) stopDensity() float64 {
	if l.words == 0 {
		return 0
	}
	return float64(l.stops) / float64(l.words)
}

// allCaps reports whether the line is written in capitals (a promo headline, a shouted banner).
func (l *textLine) allCaps() bool {
	return l.upper >= 8 && l.lower*10 <= l.upper
}

// markDebris marks lines that a rule recognises as page furniture whatever their neighbours.
func markDebris(lines []textLine, lx *textLexicon, english bool) {
	firstLong := -1
	for i := range lines {
		if lines[i].words >= 12 && lines[i].term {
			firstLong = i
			break
		}
	}
	for i := range lines {
		l := &lines[i]
		switch {
		case isFooter(l):
			l.class, l.reason = classBad, ReasonFooter
		case isChrome(l, lx):
			l.class, l.reason = classBad, ReasonChrome
		case chromeSentence(l, lx):
			l.class, l.reason = classBad, ReasonChrome
		case containsChrome(l, lx):
			l.class, l.reason, l.weak = classBad, ReasonChrome, true
		case isByline(l):
			l.class, l.reason = classBad, ReasonByline
		case isCredit(l):
			l.class, l.reason = classBad, ReasonCredit
		case isMetaLine(l):
			l.class, l.reason = classBad, ReasonMeta
		case l.hasDomain && !l.term && l.words <= 8 && (firstLong < 0 || i < firstLong):
			l.class, l.reason = classBad, ReasonBanner
		case l.allCaps() && l.words >= 3 && firstLong >= 0 && i > firstLong:
			l.class, l.reason = classBad, ReasonPromo
		default:
			continue
		}
	}
	_ = english
}

// isFooter recognises copyright and legal lines of any length: "© 2019 Beachbody, LLC. All
// rights reserved. …", "Copyright 2020 Example Media".
func isFooter(l *textLine) bool {
	t := l.text
	if strings.Contains(t, "©") {
		return true
	}
	if len(t) > 600 {
		return false // a legal paragraph that long still carries a © sign; otherwise it is prose
	}
	if hasPrefixFold(t, "copyright ") {
		return true
	}
	if (strings.Contains(t, "ights") || strings.Contains(t, "IGHTS")) && containsFold(t, "all rights reserved") {
		return true
	}
	return (strings.Contains(t, "(c)") || strings.Contains(t, "(C)")) && (containsFold(t, "(c) copyright") || containsFold(t, "copyright (c)"))
}

// normed returns normChrome of the line, computed once.
func (l *textLine) normed() string {
	if !l.normDone {
		l.norm, l.normDone = normChrome(l.text), true
	}
	return l.norm
}

// containsFold reports whether s contains sub (lower-case ASCII) ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with prefix (lower-case ASCII) ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isChrome matches the line against the chrome phrase list.
func isChrome(l *textLine, lx *textLexicon) bool {
	if l.words > 12 || len(l.text) > 200 {
		return false
	}
	n := l.normed()
	if n == "" {
		return true // only punctuation or bullets
	}
	if lx.chromeLine[n] {
		return true
	}
	for _, p := range lx.chromePrefix {
		if strings.HasPrefix(n, p) && (len(n) == len(p) || !isWordByte(n[len(p)])) {
			return true
		}
	}
	return false
}

// chromeSentence reports whether a line of at most 40 words contains a phrase that only page
// furniture uses ("sign up for our newsletter", "this site uses cookies"), sentence or not.
func chromeSentence(l *textLine, lx *textLexicon) bool {
	if l.words > 40 || len(l.text) > 400 {
		return false
	}
	return lx.chromeSentence.match(l.normed())
}

// containsChrome reports whether a short line that is not a sentence contains a chrome phrase.
func containsChrome(l *textLine, lx *textLexicon) bool {
	if l.words > 12 || len(l.text) > 200 || l.term && l.words >= 8 {
		return false
	}
	return lx.chromeContains.match(l.normed())
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// isByline recognises a byline: "By Jane Doe", "Published by", "Posted by Jane Doe and John Roe",
// "Jane Doe | Reuters" is not recognised (no cue word).
func isByline(l *textLine) bool {
	if l.words == 0 || l.words > 9 || l.term && l.words > 4 {
		return false
	}
	low := strings.ToLower(l.text)
	for _, cue := range []string{"by ", "published by", "posted by", "written by", "words by", "reporting by", "story by"} {
		if low == strings.TrimSpace(cue) {
			return true
		}
		if strings.HasPrefix(low, cue) {
			rest := strings.Fields(l.text[len(cue):])
			if len(rest) == 0 {
				return true
			}
			// every word of the rest is a capitalised name part or a joiner
			for _, w := range rest {
				r, _ := utf8.DecodeRuneInString(w)
				lw := strings.ToLower(strings.Trim(w, ",|"))
				if !unicode.IsUpper(r) && lw != "and" && lw != "&" && lw != "in" && lw != "|" && lw != "-" && lw != "–" {
					return false
				}
			}
			return true
		}
	}
	return false
}

// bylineName returns the name in a byline ("By JANE MOORE, Associated Press" → "JANE MOORE"),
// or "" when it names nobody ("Published by").
func bylineName(t string) string {
	low := strings.ToLower(t)
	for _, cue := range []string{"published by", "posted by", "written by", "words by", "reporting by", "story by", "by"} {
		if strings.HasPrefix(low, cue) {
			t = strings.TrimSpace(t[len(cue):])
			break
		}
	}
	if i := strings.IndexAny(t, ",|"); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return t
}

// creditAgencies are agency and picture-desk names that end photo credit lines.
var creditAgencies = []string{"AFP", "AP", "Reuters", "REUTERS", "Getty Images", "Getty", "EPA", "EFE",
	"Bloomberg", "Xinhua", "Anadolu", "Shutterstock", "Alamy", "AAP", "Pool", "POOL", "Handout",
	"UPI", "TASS", "Sipa", "dpa", "ANSA", "Flickr", "Wikimedia Commons", "GPO", "IDF"}

// isCredit recognises a photo caption or credit line: a line that does not end a sentence and
// names its photographer after a slash ("… Oval Office/ Jim WatsonAFP"), ends with a picture
// agency, or starts with a caption cue ("Above:", "Pictured:", "File photo").
func isCredit(l *textLine) bool {
	if l.words == 0 || l.words > 40 || len(l.text) > 400 {
		return false
	}
	t := l.text
	for _, cue := range []string{"photo:", "photos:", "photo by", "image:", "images:", "image source", "picture:", "photograph:",
		"file -", "file –", "file photo -", "above:", "below:", "pictured:", "top:", "file photo", "file image", "(photo", "(image", "photo credit", "image credit", "credit:", "source:", "caption:", "illustration:", "photograph by", "photo by"} {
		if hasPrefixFold(t, cue) {
			return true
		}
	}
	if galleryCaption(t) {
		return true
	}
	if l.term {
		// a caption that ends a sentence still ends with a credit in brackets: "(Photo: X/AFP)"
		return strings.HasSuffix(t, ")") && (containsFold(t, "(photo") || containsFold(t, "(image") || containsFold(t, "(credit"))
	}
	// "… equivalent. Credit: ESA", "… Photo: Jan de Vries"
	tail := t[max(0, len(t)-60):]
	if containsFold(tail, "credit:") || containsFold(tail, "photo:") || containsFold(tail, "image:") || containsFold(tail, "photograph:") {
		return true
	}
	// "… Office/ Jim WatsonAFP", "… (Reuters/Jane Doe)", "… | Getty Images"
	if i := strings.LastIndexByte(t, '/'); i > 0 && i >= len(t)-40 && !inURL(t, i) {
		rest := strings.TrimSpace(t[i+1:])
		r, _ := utf8.DecodeRuneInString(rest)
		if unicode.IsUpper(r) && len(strings.Fields(rest)) <= 5 {
			return true
		}
	}
	for _, ag := range creditAgencies {
		if strings.HasSuffix(t, ag) || strings.HasSuffix(t, ag+")") {
			// require the agency to be glued to a name or separated by / | ( or a space after a
			// capitalised name, and the line to be caption-length
			return l.words >= 2
		}
	}
	return false
}

// inURL reports whether the slash at t[i] is part of a web address ("pic.twitter.com/x",
// "https://…"): the text from the start of its word up to the slash has a dot or a colon.
func inURL(t string, i int) bool {
	start := strings.LastIndexByte(t[:i], ' ') + 1
	return strings.ContainsAny(t[start:i], ".:")
}

// galleryCaption recognises a numbered gallery caption: "2 of 4 A shopper looks at …".
func galleryCaption(t string) bool {
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(t[i:], " of ") {
		return false
	}
	j := i + 4
	k := j
	for k < len(t) && k < j+3 && t[k] >= '0' && t[k] <= '9' {
		k++
	}
	return k > j && k < len(t) && t[k] == ' '
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec"}

// isMetaLine recognises a date/time stamp or reading-time line that is not a sentence:
// "November 18, 2019 11:03 PM", "Updated 3:04 PM ET, Mon November 18, 2019", "5 min read".
func isMetaLine(l *textLine) bool {
	if l.term && l.words > 3 || l.words > 12 || l.words == 0 {
		return false
	}
	if strings.Contains(l.text, "(@") {
		return false // the attribution line of an embedded post: "— Jane Doe (@jdoe) May 2, 2019"
	}
	low := strings.ToLower(l.text)
	hasMonth, hasDigit := false, false
	for _, f := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, m := range monthNames {
			if f == m {
				hasMonth = true
			}
		}
	}
	digits := 0
	for i := 0; i < len(low); i++ {
		if low[i] >= '0' && low[i] <= '9' {
			digits++
		}
	}
	hasDigit = digits > 0
	if hasMonth && hasDigit && digits >= 2 {
		// date plus at most a few other words (agency, author, "Updated")
		return l.words <= 9
	}
	if hasDigit && (strings.Contains(low, " am") || strings.Contains(low, " pm") || strings.Contains(low, "a.m.") || strings.Contains(low, "p.m.")) && strings.Contains(low, ":") {
		return true
	}
	return false
}

// classify assigns the context-free class of every line not already marked as debris.
func classify(lines []textLine, english bool) {
	for i := range lines {
		l := &lines[i]
		if l.class == classBad {
			continue
		}
		sd := l.stopDensity()
		n := len(l.text)
		// a sentence that introduces a list or a quote ends with a colon: "It includes:"
		term := l.term || l.words >= 8 && strings.HasSuffix(l.text, ":")
		switch {
		case !english:
			switch {
			case l.words >= 8 && (term || n >= 200):
				l.class = classGood
			case l.words >= 4 && term:
				l.class = classNear
			default:
				l.class = classShort
			}
		case l.words >= 7 && (term || n >= 200) && sd >= 0.18:
			l.class = classGood
		case l.words >= 4 && term && sd >= 0.12:
			l.class = classNear
		case n >= 120 && sd < 0.1 && !term:
			l.class, l.reason = classBad, ReasonBoiler // a long run of link texts
		default:
			l.class = classShort
		}
	}
}

// markInserts marks debris that sits inside the article rather than around it: captions,
// credits and promo headlines anywhere, and chrome lines of a few words (an "Advertisement"
// label, "RELATED: …", "CLICK HERE TO GET THE APP") that lie between two body paragraphs or
// within two lines after the last one (for sentences only, see smooth).
// Inserts do not separate the paragraphs around them.
func markInserts(lines []textLine) {
	first, last := -1, -1
	for i := range lines {
		if lines[i].class == classGood {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.class != classBad {
			continue
		}
		switch l.reason {
		case ReasonCredit, ReasonPromo:
			l.insert = true
		case ReasonChrome:
			l.inline = i > first && i <= last+2 && l.words <= 12
		}
	}
}

// findTitle returns the index of the headline among the lines that precede the first body
// paragraph, or -1. A headline is a line of 3..30 words that does not end with a period, is not
// debris and is not all lower case. When the record already has a title, the line equal to it is
// returned instead (so that it is removed from the body).
func findTitle(lines []textLine, given string) int {
	limit := len(lines)
	for i := range lines {
		if lines[i].class == classGood {
			limit = i
			break
		}
	}
	if given != "" {
		g := normChrome(given)
		for i := 0; i < limit; i++ {
			if lines[i].class != classBad && (normChrome(lines[i].text) == g || normChrome(stripSiteSuffix(lines[i].text)) == g) {
				lines[i].class, lines[i].reason = classBad, ReasonTitle
				return i
			}
		}
		return -1
	}
	for i := 0; i < limit && i < 40; i++ {
		l := &lines[i]
		if l.class == classBad && !l.weak || l.words < 3 || l.words > titleMaxWords || l.lower == 0 && l.upper == 0 {
			continue
		}
		if strings.HasSuffix(l.text, ".") || l.upper == 0 || startsLower(l.text) {
			continue
		}
		if strings.Contains(l.text, " / ") || strings.Contains(l.text, " > ") || strings.Contains(l.text, " » ") || strings.Contains(l.text, " › ") {
			continue // a breadcrumb trail: "Home / World / Middle East"
		}
		l.class, l.reason = classBad, ReasonTitle
		return i
	}
	return -1
}

// stripSiteSuffix removes an outlet name appended to a headline ("Title | VentureBeat",
// "Title - BBC News") when the suffix is short.
func stripSiteSuffix(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			suffix := strings.TrimSpace(t[i+len(sep):])
			if n := len(strings.Fields(suffix)); n >= 1 && n <= 4 && len(strings.Fields(t[:i])) >= 3 {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

// smooth decides short and near-good lines from their neighbours (the jusText context step): a
// near-good line is body when the closest decided line on either side is body; a short line is
// body only when body lies on both sides and it is not an isolated fragment.
func smooth(lines []textLine) {
	n := len(lines)
	prevGood := make([]int, n) // distance class of the nearest decided line before: 1 good, -1 bad, 0 none
	nextGood := make([]int, n)
	// Inserts inside an article (a photo caption or credit, another story's promo headline) are
	// transparent: a short sentence after a caption still sits next to the body. For sentence
	// lines, short chrome lines between body paragraphs ("Advertisement", "RELATED: …") are
	// transparent as well: a sentence is not given up for a widget next to it.
	fill := func(prev, next []int, sentence bool) {
		decided := func(l *textLine) int {
			switch {
			case l.class == classGood:
				return 1
			case l.class == classBad && !l.insert && !(sentence && l.inline):
				return -1
			}
			return 0
		}
		last := 0
		for i := 0; i < n; i++ {
			prev[i] = last
			if d := decided(&lines[i]); d != 0 {
				last = d
			}
		}
		last = 0
		for i := n - 1; i >= 0; i-- {
			next[i] = last
			if d := decided(&lines[i]); d != 0 {
				last = d
			}
		}
	}
	fill(prevGood, nextGood, false)
	prevS, nextS := make([]int, n), make([]int, n)
	fill(prevS, nextS, true)
	// run[i] is the length of the run of undecided (short or near-good) lines holding line i: a
	// heading between two paragraphs is a run of one; a menu or a list of links is a long run
	run := make([]int, n)
	for i := 0; i < n; {
		if c := lines[i].class; c != classShort && c != classNear {
			i++
			continue
		}
		j := i
		for j < n && (lines[j].class == classShort || lines[j].class == classNear) {
			j++
		}
		for k := i; k < j; k++ {
			run[k] = j - i
		}
		i = j
	}
	for i := range lines {
		l := &lines[i]
		switch l.class {
		case classGood:
			l.keep = true
		case classNear:
			l.keep = prevS[i] == 1 || nextS[i] == 1
			if !l.keep {
				l.reason = ReasonBoiler
			}
		case classShort:
			l.keep = prevGood[i] == 1 && nextGood[i] == 1 && l.words >= 2 && run[i] <= maxShortRun
			// a short sentence closing or opening the body ("Nobody was hurt.") is body too
			if l.term && l.words >= 2 && run[i] <= maxShortRun && (prevS[i] == 1 || nextS[i] == 1) {
				l.keep = true
			}
			if !l.keep {
				l.reason = ReasonBoiler
			}
		}
	}
}

// keepSentencesIfEmpty keeps every sentence line that no rule marked as debris when nothing
// else was kept: a very short article has no line long enough to anchor the body.
func keepSentencesIfEmpty(lines []textLine) {
	for i := range lines {
		if lines[i].keep {
			return
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.class != classBad && l.term && l.words >= 2 {
			l.keep = true
		}
	}
}

// commentHeader reports whether a normalised line opens a reader-comment section: "167
// comments", "Comments (12)", "Top rated comments", "Leave a reply", "3 thoughts on …".
func commentHeader(n string) bool {
	switch n {
	case "top rated comments", "top comments", "reader comments", "readers' comments",
		"leave a reply", "leave a comment", "post a comment", "add a comment", "add comment", "write a comment",
		"join the discussion", "join the conversation", "show comments", "view comments", "view all comments",
		"comments are closed", "have your say":
		return true
	}
	f := strings.Fields(n)
	if len(f) == 0 || len(f) > 8 {
		return false
	}
	num := func(w string) bool {
		if w == "" {
			return false
		}
		for i := 0; i < len(w); i++ {
			if (w[i] < '0' || w[i] > '9') && w[i] != ',' {
				return false
			}
		}
		return true
	}
	count := func(w string) bool { return num(w) || w == "one" || w == "no" }
	unit := map[string]bool{"comments": true, "comment": true, "responses": true, "response": true, "replies": true, "thoughts": true}
	switch {
	case len(f) == 2 && count(f[0]) && unit[f[1]]:
		return true
	case len(f) == 2 && (f[0] == "comments" || f[0] == "responses") && num(strings.Trim(f[1], "()")):
		return true
	case len(f) >= 3 && count(f[0]) && unit[f[1]] && (f[2] == "on" || f[2] == "to"):
		return true
	}
	return false
}

// cutComments drops everything from the first reader-comment header that follows body text.
func cutComments(lines []textLine) {
	body := 0 // bytes of body text seen so far
	for i := range lines {
		l := &lines[i]
		if l.keep && l.class == classGood {
			body += len(l.text)
			continue
		}
		if body < 400 || l.keep || l.words > 8 || !commentHeader(l.normed()) {
			continue
		}
		for j := i; j < len(lines); j++ {
			lines[j].keep = false
			lines[j].reason = ReasonComments
		}
		return
	}
}

// dropRepeats drops kept lines that occur more than once in the kept text: repeated teasers,
// captions and widget texts. A full sentence paragraph is kept once (the first copy), so that a
// duplicated body paragraph never loses its sentences; other lines are dropped in every copy.
func dropRepeats(lines []textLine) {
	seen := make(map[string]int, len(lines))
	for i := range lines {
		if lines[i].keep {
			seen[lines[i].text]++
		}
	}
	kept := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		if !l.keep || seen[l.text] < 2 {
			continue
		}
		if l.class == classGood && l.term && !kept[l.text] {
			kept[l.text] = true
			continue
		}
		l.keep, l.reason = false, ReasonRepeat
	}
}

// selectBody keeps the main body: the run of lines with the highest score (a maximum-sum
// segment), where kept lines score their length — scaled down when the line has fewer function
// words than prose (below 30%), halved for near-good lines — and dropped lines cost their length
// (25 to 200). Kept lines outside that run are page furniture that happens to look like prose
// (teasers, comments, footers) and are dropped.
func selectBody(lines []textLine) {
	bestStart, bestEnd, best := -1, -1, 0
	cur, curStart := 0, 0
	for i := range lines {
		l := &lines[i]
		var s int
		if l.keep {
			s = min(len(l.text), 2000)
			if sd := l.stopDensity(); sd < 0.3 {
				s = int(float64(s) * max(sd, 0.1) / 0.3) // prose is rich in function words
			}
			if l.class != classGood {
				s /= 2
			}
		} else {
			s = -max(25, min(len(l.text), 200))
			if l.insert {
				s = -5 // an insert inside the article does not end it
			} else if l.inline {
				s = -15 // a widget between paragraphs costs less than a short sentence is worth
			}
		}
		if cur <= 0 {
			cur, curStart = 0, i
		}
		cur += s
		if cur > best {
			best, bestStart, bestEnd = cur, curStart, i
		}
	}
	for i := range lines {
		if lines[i].keep && (i < bestStart || i > bestEnd) {
			lines[i].keep = false
			lines[i].reason = ReasonOutside
		}
	}
}

// trimTail drops short non-sentence lines after the last body paragraph (tags, category words
// such as a lone "tracking"); they are already dropped by smoothing, this records why.
func trimTail(lines []textLine) {
	for i := len(lines) - 1; i >= 0; i-- {
		l := &lines[i]
		if l.keep {
			return
		}
		if l.reason == ReasonBoiler && l.words <= 4 && !l.term {
			l.reason = ReasonTrailing
		}
	}
}

// dropTitleRepeats removes later lines that repeat the headline.
func dropTitleRepeats(lines []textLine, title string) {
	if title == "" {
		return
	}
	t := normChrome(title)
	for i := range lines {
		l := &lines[i]
		if !l.keep || len(l.text) > 2*len(title)+40 || len(l.text) < len(t) {
			continue
		}
		if l.keep && (l.normed() == t || normChrome(stripSiteSuffix(l.text)) == t) {
			l.keep = false
			l.reason = ReasonTitleAgain
		}
	}
}

// splitDateline recognises a dateline at the start of the first body line: a place in capitals
// ("WASHINGTON --", "NEW YORK, N.Y. (Reuters) —") or a listed place in title case ("Washington
// D.C. –"), followed by a dash or colon. It returns the place and the rest of the line. With
// standalone set, t is a line of its own that must hold nothing but the dateline.
func splitDateline(t string, lx *textLexicon, standalone bool) (place, rest string, ok bool) {
	if standalone {
		t += " " // "WASHINGTON —" alone on its line: let the separator match at the end
	}
	limit := min(len(t), 80)
	// find the dash: " -- ", " – ", " — ", " - " or ": " after the place
	best := -1
	sepLen := 0
	for _, sep := range []string{" -- ", " — ", " – ", " - ", "—", "–", ": "} {
		if i := strings.Index(t[:limit], sep); i > 0 && (best < 0 || i < best) {
			best, sepLen = i, len(sep)
		}
	}
	if best < 0 {
		return "", "", false
	}
	head := strings.TrimSpace(t[:best])
	rest = strings.TrimLeft(t[best+sepLen:], " ")
	if rest == "" && !standalone {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsUpper(r) && !strings.ContainsRune("\"“‘'(", r) && !unicode.IsDigit(r) {
		return "", "", false
	}
	// drop an agency in brackets: "WASHINGTON (Reuters)"
	p := head
	if j := strings.IndexByte(p, '('); j > 0 && strings.HasSuffix(p, ")") {
		p = strings.TrimSpace(p[:j])
	}
	// drop a date after the place: "LONDON, Nov 20 (Reuters) -"
	if city, region, ok := strings.Cut(p, ","); ok && strings.ContainsAny(region, "0123456789") {
		p = strings.TrimSpace(city)
	}
	if p == "" || len(strings.Fields(p)) > 5 {
		return "", "", false
	}
	colon := sepLen == 2 && strings.HasPrefix(t[best:], ": ")
	if isCapsPlace(p) {
		return strings.TrimRight(p, ","), rest, true
	}
	if !colon && (lx.places[p] || lx.places[strings.TrimRight(p, ",")] || placeWithRegion(p, lx)) {
		return strings.TrimRight(p, ","), rest, true
	}
	return "", "", false
}

// isCapsPlace reports whether p is written in capitals as a dateline place is ("WASHINGTON",
// "NEW YORK, N.Y.", "ST. LOUIS"): letters, spaces, dots, commas and apostrophes, at least three
// capital letters and no lower-case letter except in a state abbreviation after a comma.
func isCapsPlace(p string) bool {
	city, region, _ := strings.Cut(p, ",")
	up := 0
	for _, r := range city {
		switch {
		case unicode.IsUpper(r):
			up++
		case r == ' ' || r == '.' || r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	if up < 3 {
		return false
	}
	region = strings.TrimSpace(region)
	if region != "" {
		r, _ := utf8.DecodeRuneInString(region)
		if !unicode.IsUpper(r) || len(strings.Fields(region)) > 2 {
			return false
		}
	}
	return true
}

// placeWithRegion accepts a listed place followed by a region: "Washington D.C.", "Paris, France".
func placeWithRegion(p string, lx *textLexicon) bool {
	if city, region, ok := strings.Cut(p, ","); ok {
		region = strings.TrimSpace(region)
		r, _ := utf8.DecodeRuneInString(region)
		return lx.places[city] && unicode.IsUpper(r) && len(strings.Fields(region)) <= 2
	}
	f := strings.Fields(p)
	if len(f) >= 2 {
		last := f[len(f)-1]
		if strings.Count(last, ".") >= 2 && lx.places[strings.Join(f[:len(f)-1], " ")] {
			return true // "Washington D.C."
		}
	}
	return false
}
