package quote

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// Options configure the stage.
type Options struct {
	// Unattributed keeps quotations that have no source (scare quotes of two words or more,
	// "reportedly preparing “common action plans”") in Article.Quotes, with an empty speaker.
	Unattributed bool
}

// DefaultOptions returns the options the pipeline uses.
func DefaultOptions() Options { return Options{Unattributed: true} }

// Stage is the quote stage of the pipeline: it fills Article.Quotes and Article.Claims.
type Stage struct {
	ex     *Extractor
	opts   Options
	logger *slog.Logger
}

// New returns a quote stage. A nil logger discards.
func New(opts Options, logger *slog.Logger) *Stage {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Stage{ex: NewExtractor(), opts: opts, logger: logger.With("component", "quote")}
}

// Name returns "quote".
func (s *Stage) Name() string { return "quote" }

// Process finds the quotes and attributions of a and derives one claim per attributed one.
// It reads a.Text (through doc), a.Mentions, a.Actors, a.Timexes and a.Published, and writes
// a.Quotes and a.Claims.
func (s *Stage) Process(ctx context.Context, a *sitrep.Article, doc *text.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if doc == nil || doc.Text != a.Text {
		doc = text.Parse(a.Text)
	}
	attrs := s.ex.Extract(doc, a.Mentions, a.Actors)
	a.Quotes, a.Claims = s.Convert(a, attrs)
	return nil
}

// Convert turns attributions into the article's quotes and claims. Unattributed quotations are
// kept as quotes (when Options.Unattributed is set) but give no claim.
func (s *Stage) Convert(a *sitrep.Article, attrs []Attribution) ([]sitrep.Quote, []sitrep.Claim) {
	quotes := make([]sitrep.Quote, 0, len(attrs))
	claims := make([]sitrep.Claim, 0, len(attrs))
	remap := make([]int, len(attrs))
	for i, at := range attrs {
		remap[i] = -1
		unattributed := at.Speaker.Kind == "" && at.Cue == ""
		if unattributed && !s.opts.Unattributed {
			continue
		}
		parent := -1
		if at.Parent >= 0 && at.Parent < i {
			parent = remap[at.Parent]
		}
		via := at.Via
		if via == nil {
			via = []sitrep.Source{}
		}
		q := sitrep.Quote{
			Text: a.Text[at.Start:at.End], Start: at.Start, End: at.End, Kind: at.Kind,
			Speaker: at.Speaker, Cue: at.Cue, Via: via, Hedge: at.Hedge, Parent: parent,
		}
		remap[i] = len(quotes)
		quotes = append(quotes, q)
		if unattributed {
			continue
		}
		content := NormalizeContent(q.Text)
		claims = append(claims, sitrep.Claim{
			ID:         ClaimID(at.Speaker, content),
			QuoteIndex: remap[i],
			Speaker:    at.Speaker,
			Via:        via,
			Content:    content,
			Stance:     stanceOf(at),
			Hedge:      at.Hedge,
			Date:       claimDate(a, at),
		})
	}
	return quotes, claims
}

func stanceOf(at Attribution) string {
	switch at.Stance {
	case "deny", "confirm", "question":
		return at.Stance
	}
	if at.Hedge == sitrep.HedgeDenied {
		return "deny"
	}
	return "assert"
}

// NormalizeContent trims a claim's content, straightens its quotation marks and apostrophes and
// collapses whitespace.
func NormalizeContent(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return normalizeSlow(s)
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return strings.Trim(string(b), " \"',.;:")
}

// normalizeSlow is NormalizeContent for text with non-ASCII characters.
func normalizeSlow(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		r, w := rune(c), 1
		if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		switch r {
		case '“', '”', '„', '«', '»':
			r = '"'
		case '‘', '’', '‹', '›':
			r = '\''
		}
		if r < utf8.RuneSelf && (r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v') || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return strings.Trim(string(b), " \"',.;:")
}

// ClaimID is a stable id for a claim: the first 16 hex digits of the SHA-256 of the normalised
// speaker (actor id when known, else the lower-cased name or description) and content.
func ClaimID(sp sitrep.Source, content string) string {
	key := sp.ActorID
	if key == "" {
		key = strings.ToLower(strings.TrimSpace(sp.Text))
		if key == "" {
			key = strings.ToLower(sp.Description)
		}
	}
	b := make([]byte, 0, len(key)+1+len(content))
	b = append(b, key...)
	b = append(b, 0)
	b = appendLower(b, content)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// appendLower appends s lower-cased (as strings.ToLower does) to b, without an intermediate
// string when s is ASCII.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// claimDate is the date of the first date expression in the attribution's sentence (from the
// time stage), else the article's publication date.
func claimDate(a *sitrep.Article, at Attribution) string {
	lo, hi := at.Start, at.End
	if at.CueStart > 0 || at.CueEnd > 0 {
		if at.CueStart < lo {
			lo = at.CueStart
		}
		if at.CueEnd > hi {
			hi = at.CueEnd
		}
	}
	// widen to the sentence around the cue and content
	for lo > 0 && a.Text[lo-1] != '\n' && !(lo > 1 && a.Text[lo-2] == '.' && a.Text[lo-1] == ' ') {
		lo--
	}
	for hi < len(a.Text) && a.Text[hi] != '\n' && a.Text[hi] != '.' {
		hi++
	}
	for _, t := range a.Timexes {
		if t.Start >= lo && t.End <= hi && (t.Type == sitrep.TimexDate || t.Type == sitrep.TimexTime) && len(t.Value) >= 4 && t.Value[0] >= '0' && t.Value[0] <= '9' {
			v := t.Value
			if len(v) > 10 {
				v = v[:10]
			}
			return v
		}
	}
	if a.Published != nil {
		return a.Published.Format("2006-01-02")
	}
	return ""
}
