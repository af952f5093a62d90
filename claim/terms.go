package claim

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxContentBytes bounds the content looked at per claim.
const maxContentBytes = 2000

// maxTerms bounds the words indexed per claim.
const maxTerms = 32

// stopwords are function words and reporting verbs that do not identify a proposition.
var stopwords = toSet(`a an the and or but if of to in on at by for from with as into onto over under about
after before than then that this these those there here it its it's is are was were be been being am do does did
has have had having will would shall should can could may might must he she they them his her their we our us
you your i me my mine who whom whose which what when where why how all any some such very also just so too
said says say saying told tells according reportedly statement added noted claimed claims claim stated
mr mrs ms dr one two three`)

// irregular maps common irregular verb forms of news reports to their base form.
var irregular = map[string]string{}

func init() {
	for _, pair := range strings.Fields(`struck:strike stricken:strike shot:shoot fought:fight fled:flee took:take taken:take
led:lead won:win lost:lose made:make began:begin begun:begin broke:break broken:break sent:send held:hold
met:meet left:leave built:build brought:bring bought:buy caught:catch came:come gave:give given:give went:go
gone:go ran:run rose:rise risen:rise fell:fall fallen:fall threw:throw thrown:throw withdrew:withdraw
withdrawn:withdraw drove:drive driven:drive spoke:speak spoken:speak wrote:write written:write chose:choose
chosen:choose sank:sink sunk:sink blew:blow blown:blow flew:fly flown:fly knew:know known:know grew:grow
grown:grow stole:steal stolen:steal hid:hide hidden:hide fed:feed found:find bound:bind sought:seek
thought:think fired:fire hit:hit kept:keep slain:slay slew:slay swore:swear sworn:swear tore:tear torn:tear
woke:wake forbade:forbid forbidden:forbid overthrew:overthrow overthrown:overthrow undertook:undertake
paid:pay laid:lay lay:lie dealt:deal meant:mean spent:spend lent:lend felt:feel`) {
		k, v, _ := strings.Cut(pair, ":")
		irregular[k] = v
	}
}

// idioms are words that, right after a negation, make it an intensifier rather than a negation
// ("nothing less than", "not only", "no doubt").
var idioms = toSet(`less only least doubt sooner fewer`)

// negations flip the polarity of a content.
var negations = toSet(`not no never none nothing neither nor without cannot nobody nowhere`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Words is the normalised form of a claim content: its distinct content words (lower-cased,
// lightly stemmed, stopwords dropped) and its polarity (true when it is negated an odd number of
// times).
type Words struct {
	Terms   []string
	Negated bool
	// Contrast is set when the content has a contrastive "but", "rather" or "instead", or
	// clauses of opposite polarity: its polarity ("not X but Y") says little about the whole.
	Contrast bool
}

// Normalize splits content into words and returns its Words. Work is bounded by maxContentBytes.
func Normalize(content string) Words {
	if len(content) > maxContentBytes {
		content = content[:maxContentBytes]
		for len(content) > 0 && !utf8.ValidString(content) {
			content = content[:len(content)-1]
		}
	}
	content = strings.ReplaceAll(content, "’", "'")
	var w Words
	seen := map[string]bool{}
	neg := 0
	start := -1
	lastNeg := false
	// Polarity per clause: a content whose clauses disagree ("X was killed, and police did not
	// have suspects") has no single polarity.
	clauseStart, pos, negClause := 0, false, false
	comma := false
	closeClause := func() {
		p := (neg-clauseStart)%2 != 0
		if p {
			negClause = true
		} else {
			pos = true
		}
		clauseStart = neg
	}
	flush := func(end int) {
		if start < 0 {
			return
		}
		tok := strings.ToLower(content[start:end])
		start = -1
		if strings.HasSuffix(tok, "n't") {
			neg++
			tok = strings.TrimSuffix(tok, "n't")
		}
		tok = strings.TrimSuffix(tok, "'s")
		tok = strings.Trim(tok, "'-")
		if negations[tok] {
			neg++
			lastNeg = true
			return
		}
		if lastNeg && idioms[tok] {
			neg--
		}
		lastNeg = false
		if comma && (tok == "and" || tok == "but" || tok == "while" || tok == "whereas" || tok == "although" || tok == "though") {
			closeClause()
		}
		comma = false
		if tok == "but" || tok == "rather" || tok == "instead" {
			w.Contrast = true
			return
		}
		if len(tok) < 2 || stopwords[tok] {
			return
		}
		if base, ok := irregular[tok]; ok {
			tok = base
		}
		tok = stem(tok)
		if !seen[tok] && len(w.Terms) < maxTerms {
			seen[tok] = true
			w.Terms = append(w.Terms, tok)
		}
	}
	for i, r := range content {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '\'' || r == '-') && start >= 0)
		if inWord {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
			switch r {
			case ',':
				comma = true
			case ';', ':', '.', '!', '?':
				closeClause()
			case ' ', '\t', '\n':
			default:
				comma = false
			}
		}
	}
	flush(len(content))
	closeClause()
	w.Negated = neg%2 == 1
	if pos && negClause {
		w.Contrast = true
	}
	return w
}

// stem removes common English inflections and a final "e", so that "strikes", "striking" and
// "strike" meet, as do "attacked" and "attack" ("struck" stays apart).
func stem(w string) string {
	w = stemSuffix(w)
	if n := len(w); n > 4 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

func stemSuffix(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return trimDouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		return trimDouble(w[:n-2])
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// trimDouble undoes the doubled consonant of "stopped" and "stopping" ("stopp" → "stop").
func trimDouble(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == w[n-2] && w[n-1] != 'l' && w[n-1] != 's' {
		return w[:n-1]
	}
	return w
}

// Dice is the Dice coefficient of two word sets.
func Dice(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	set := make(map[string]bool, len(a))
	for _, t := range a {
		set[t] = true
	}
	inter := 0
	for _, t := range b {
		if set[t] {
			inter++
		}
	}
	return 2 * float64(inter) / float64(len(a)+len(b))
}

// Similarity compares two word sets: the Dice coefficient of the terms, or, when one content is
// a trimmed form of the other (at least four shared terms), 0.9 times the containment of the
// smaller in the larger, whichever is higher. It returns 0 when either is empty.
func Similarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	small, large := a, b
	if len(small) > len(large) {
		small, large = large, small
	}
	set := make(map[string]bool, len(large))
	for _, t := range large {
		set[t] = true
	}
	inter := 0
	for _, t := range small {
		if set[t] {
			inter++
		}
	}
	dice := 2 * float64(inter) / float64(len(a)+len(b))
	if inter >= 4 {
		if c := 0.9 * float64(inter) / float64(len(small)); c > dice {
			return c
		}
	}
	return dice
}
