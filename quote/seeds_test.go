package quote_test

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// analyzeSeed runs the stage on a seed's raw text (the seeds are mostly body; no actor stage).
func analyzeSeed(t *testing.T, prefix string) *sitrep.Article {
	t.Helper()
	s := seedtest.SeedByPrefix(t, prefix)
	pub := s.Published
	a := &sitrep.Article{ID: s.Name, Text: s.Raw, Published: &pub}
	if err := quote.New(quote.DefaultOptions(), nil).Process(t.Context(), a, text.Parse(a.Text)); err != nil {
		t.Fatal(err)
	}
	return a
}

// findQuote returns the index of the first quote whose text starts with prefix.
func findQuote(t *testing.T, a *sitrep.Article, prefix string) int {
	t.Helper()
	for i, q := range a.Quotes {
		if strings.HasPrefix(q.Text, prefix) {
			return i
		}
	}
	t.Fatalf("%s: no quote starting %q", a.ID, prefix)
	return -1
}

func wantSpeaker(t *testing.T, q sitrep.Quote, kind, contains string) {
	t.Helper()
	got := q.Speaker.Text + " | " + q.Speaker.Description
	if q.Speaker.Kind != kind || !strings.Contains(got, contains) {
		t.Errorf("quote %.40q: speaker=%s/%q desc=%q, want %s containing %q", q.Text, q.Speaker.Kind, q.Speaker.Text, q.Speaker.Description, kind, contains)
	}
}

func hasVia(q sitrep.Quote, text string) bool {
	for _, v := range q.Via {
		if v.Kind == sitrep.SourceMedia && strings.Contains(v.Text, text) {
			return true
		}
	}
	return false
}

func TestSeeds(t *testing.T) {
	t.Run("000", func(t *testing.T) {
		a := analyzeSeed(t, "000")
		q := a.Quotes[findQuote(t, a, "the current plans are still")]
		wantSpeaker(t, q, sitrep.SourceAnonymous, "officials involved in the negotiations")
		if q.Kind != sitrep.QuoteDirect || !hasVia(q, "Axios") {
			t.Errorf("officials quote: kind=%s via=%v, want direct via Axios", q.Kind, q.Via)
		}
		ti := findQuote(t, a, "I listened to Biden yesterday")
		trump := a.Quotes[ti]
		wantSpeaker(t, trump, sitrep.SourceNamed, "the former president")
		if !strings.HasSuffix(trump.Text, "The power of nuclear weapons") {
			t.Errorf("Trump quote spans %q, want it to run to the closing mark", trump.Text)
		}
		biden := a.Quotes[findQuote(t, a, "as long as they don't attack nuclear material")]
		wantSpeaker(t, biden, sitrep.SourceNamed, "Biden")
		asked := a.Quotes[findQuote(t, a, "what do you think about Iran")]
		wantSpeaker(t, asked, sitrep.SourceAnonymous, "questioner")
		for _, inner := range []sitrep.Quote{biden, asked} {
			if inner.Parent < 0 {
				t.Errorf("nested quote %.30q has no parent", inner.Text)
			}
		}
		prepared := a.Quotes[findQuote(t, a, "We have to be fully prepared")]
		if prepared.Speaker.Text != trump.Speaker.Text || prepared.Cue != "added" {
			t.Errorf("\"he added\" quote: speaker %q cue %q, want %q, added", prepared.Speaker.Text, prepared.Cue, trump.Speaker.Text)
		}
		wantSpeaker(t, a.Quotes[findQuote(t, a, "the White House already accepted")], sitrep.SourceAnonymous, "people close to the conversation")
		wantSpeaker(t, a.Quotes[findQuote(t, a, "the Jewish state's plans")], sitrep.SourceAnonymous, "A senior Israeli official")
		wantSpeaker(t, a.Quotes[findQuote(t, a, "the two leaders")], sitrep.SourceMedia, "Axios")
		wantSpeaker(t, a.Quotes[findQuote(t, a, "most detailed talk to date")], sitrep.SourceMedia, "Axios")
	})
	t.Run("002", func(t *testing.T) {
		a := analyzeSeed(t, "002")
		for _, p := range []string{"The president and his team have communicated", "The president [then] received", "The president understands today", "The president and his team are closely monitoring"} {
			q := a.Quotes[findQuote(t, a, p)]
			wantSpeaker(t, q, sitrep.SourceNamed, "Leavitt")
			if q.Kind != sitrep.QuoteDirect {
				t.Errorf("%q: kind %s, want direct", p, q.Kind)
			}
		}
		nyt := a.Quotes[findQuote(t, a, "postpone any plans")]
		if !hasVia(nyt, "New York Times") && nyt.Speaker.Text != "New York Times" {
			t.Errorf("NYT report: speaker %q via %v, want the New York Times as media source", nyt.Speaker.Text, nyt.Via)
		}
		wantSpeaker(t, a.Quotes[findQuote(t, a, "David Barnea")], sitrep.SourceMedia, "Axios")
		wantSpeaker(t, a.Quotes[findQuote(t, a, "Trump had threatened")], sitrep.SourceAnonymous, "multiple sources")
		believed := a.Quotes[findQuote(t, a, "It is believed")]
		if believed.Hedge != sitrep.HedgeReported {
			t.Errorf("\"it is believed\": hedge %q, want reported", believed.Hedge)
		}
		leavitt := a.Quotes[findQuote(t, a, "the communication between Trump and Netanyahu")]
		if !hasVia(leavitt, "Times of Israel") {
			t.Errorf("Leavitt acknowledged …: via %v, want The Times of Israel", leavitt.Via)
		}
	})
	t.Run("003", func(t *testing.T) {
		a := analyzeSeed(t, "003")
		qi := findQuote(t, a, "Israel is worried")
		q := a.Quotes[qi]
		wantSpeaker(t, q, sitrep.SourceAnonymous, "one Israeli source")
		if q.Hedge != sitrep.HedgeUnverified {
			t.Errorf("\"Israel is worried\": hedge %q, want unverified (CNN is unable to verify these claims)", q.Hedge)
		}
		found := false
		for _, c := range a.Claims {
			if c.QuoteIndex == qi {
				found = true
				if c.Hedge != sitrep.HedgeUnverified || c.Date != "2026-02-11" || len(c.ID) != 16 {
					t.Errorf("claim %+v: want hedge unverified, date 2026-02-11, 16-digit id", c)
				}
			}
		}
		if !found {
			t.Errorf("no claim for quote %d", qi)
		}
		// the claim the CNN sentence refers to is only the paragraph's: later quotes stay unhedged
		if h := a.Quotes[findQuote(t, a, "first and foremost")].Hedge; h == sitrep.HedgeUnverified {
			t.Errorf("a quote of a later paragraph was marked unverified")
		}
		wantSpeaker(t, a.Quotes[findQuote(t, a, "Netanyahu presented Trump")], sitrep.SourceAnonymous, "sources close to the discussions")
	})
	t.Run("004", func(t *testing.T) {
		a := analyzeSeed(t, "004")
		for _, p := range []string{"I'm sure there will be one again", "seek conditions to enable a cease-fire", "a wider regional conflict", "a diplomatic resolution of the tensions", "a close working relationship", "continue to keep the lines of communication open"} {
			wantSpeaker(t, a.Quotes[findQuote(t, a, p)], sitrep.SourceNamed, "Ryder")
		}
		wantSpeaker(t, a.Quotes[findQuote(t, a, "in the near future")], sitrep.SourceAnonymous, "a spokesperson for the Pentagon")
		kan := a.Quotes[findQuote(t, a, "Expectation for a one-on-one")]
		wantSpeaker(t, kan, sitrep.SourceMedia, "Kan")
		if len(kan.Via) != 1 || kan.Via[0].Text != "Bloomberg News" {
			t.Errorf("Kan report: via %v, want [Bloomberg News]", kan.Via)
		}
	})
	t.Run("AllAttributed", func(t *testing.T) {
		// every quotation of three words or more in the seeds has a speaker, except the one
		// unattributed phrase of seed 003 ("reportedly preparing “common action plans”")
		for _, s := range seedtest.Seeds(t) {
			a := analyzeSeed(t, s.Name[:3])
			for _, q := range a.Quotes {
				if q.Kind == sitrep.QuoteDirect && q.Speaker.Kind == "" && strings.Count(q.Text, " ") >= 2 && q.Text != "common action plans" {
					t.Errorf("%s: unattributed quote %q", s.Name, q.Text)
				}
			}
		}
	})
}
