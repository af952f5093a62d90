package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
)

// date returns midnight UTC of the given day.
func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func ptr[T any](v T) *T { return &v }

// WrittenArticles returns articles written for this suite (not taken from any outlet), with
// analysis filled in by hand: actors, an event or two, a quote, removals and repairs. They cover
// several outlets, two languages, dates over two years and one article with no date.
func WrittenArticles() []*sitrep.Article {
	as := []*sitrep.Article{
		{
			ID: "w-harbour", URL: "https://example.org/harbour", Outlet: "Coastal Courier",
			Title: "Port authority reopens northern harbour after storm damage", Author: "Mira Olsen",
			Published: ptr(date(2024, 3, 2)), Language: "en", Dateline: "BERGEN",
			Text: "BERGEN -- The port authority reopened the northern harbour on Friday, three weeks after a " +
				"winter storm tore away two loading piers. Harbour master Jonas Lie said the repairs cost " +
				"less than feared. \"We were lucky the cranes held,\" he told reporters. Fishing crews had " +
				"moved their boats to the southern basin during the closure.",
			Raw:       "Menu\nPort authority reopens northern harbour after storm damage\nBERGEN -- The port authority ...",
			RawFormat: "text", Source: "written.jsonl:1",
			Removed: []sitrep.Removal{{Text: "Menu", Reason: "site_chrome"}},
			Repairs: []sitrep.Repair{{From: "’", To: "'", Reason: "quote_style"}},
			Mentions: []sitrep.Mention{{Text: "Jonas Lie", Type: sitrep.MentionPerson,
				ActorID: "jonas-lie", Role: "harbour master", Resolution: "name"}},
			Actors: []sitrep.Actor{{ID: "jonas-lie", Name: "Jonas Lie", Type: sitrep.ActorPerson,
				Country: "NOR", Code: "NORGOV", Roles: []sitrep.Role{{Title: "harbour master", Country: "NOR"}}}},
			Timexes: []sitrep.TimeExpr{{Text: "Friday", Type: sitrep.TimexDate,
				Value: "2024-03-01", Anchor: "published"}},
			Quotes: []sitrep.Quote{{Text: "We were lucky the cranes held,", Kind: sitrep.QuoteDirect,
				Speaker: sitrep.Source{Text: "he", ActorID: "jonas-lie", Kind: sitrep.SourceNamed}, Cue: "told"}},
		},
		{
			ID: "w-border-talks", URL: "https://example.org/border-talks", Outlet: "Daily Ledger",
			Title: "Envoys meet for a second round of border talks", Published: ptr(date(2024, 10, 9)),
			Language: "en",
			Text: "Envoys from Armenia and Azerbaijan met in Geneva for a second round of talks on the border " +
				"commission. Armenia's foreign minister said both sides had agreed to exchange maps before " +
				"the next meeting. Azerbaijan's delegation accused Yerevan of delaying the demarcation.",
			RawFormat: "text",
			Actors: []sitrep.Actor{
				{ID: "ARM", Name: "Armenia", Type: sitrep.ActorCountry, Code: "ARM"},
				{ID: "AZE", Name: "Azerbaijan", Type: sitrep.ActorCountry, Code: "AZE"},
				{ID: "ARM-fm", Name: "Armenian foreign minister", Type: sitrep.ActorGov, Code: "ARMGOV"},
			},
			Events: []sitrep.Event{
				{Start: 0, End: 95, Source: sitrep.EventActor{ActorID: "ARM", Code: "ARM"},
					Target: sitrep.EventActor{ActorID: "AZE", Code: "AZE"}, CAMEO: "043", PLOVER: "CONSULT",
					Mode: sitrep.ModeAsserted, Goldstein: 2.8, QuadClass: 1, Date: "2024-10-09", DateSource: "published",
					Trigger: "met", Context: []string{}},
				{Start: 209, End: 284, Source: sitrep.EventActor{ActorID: "AZE", Code: "AZE"},
					Target: sitrep.EventActor{ActorID: "ARM", Code: "ARM"}, CAMEO: "112", PLOVER: "ACCUSE",
					Mode: sitrep.ModeAsserted, Goldstein: -2, QuadClass: 3, Date: "2024-10-09", DateSource: "published",
					Trigger: "accused", Context: []string{}},
			},
		},
		{
			ID: "w-drone-strike", Outlet: "Daily Ledger", Title: "Drone strike hits fuel depot near the front",
			Published: ptr(time.Date(2025, 6, 14, 18, 30, 0, 0, time.FixedZone("EEST", 3*3600))),
			Language:  "en",
			Text: "A drone strike set a fuel depot ablaze overnight, regional officials said on Saturday. " +
				"Ukraine's military said it had not yet determined the type of drone. Russia did not comment " +
				"on the strike, which came hours after a ceasefire proposal was rejected.",
			RawFormat: "text",
			Actors: []sitrep.Actor{
				{ID: "UKRMIL", Name: "Ukrainian military", Type: sitrep.ActorGov, Code: "UKRMIL"},
				{ID: "RUS", Name: "Russia", Type: sitrep.ActorCountry, Code: "RUS"},
			},
			Events: []sitrep.Event{{Start: 0, End: 87, Source: sitrep.EventActor{ActorID: "RUS", Code: "RUS"},
				Target: sitrep.EventActor{ActorID: "UKRMIL", Code: "UKRMIL"}, CAMEO: "195", PLOVER: "ASSAULT",
				Mode: sitrep.ModeReported, Goldstein: -10, QuadClass: 4, Date: "2025-06-14", Trigger: "strike"}},
		},
		{
			ID: "w-cosecha", Outlet: "Diario del Valle", Title: "La cosecha de café cae por la sequía",
			Published: ptr(date(2025, 1, 20)), Language: "es",
			Text: "La cosecha de café de este año cayó casi un tercio por la sequía, según la cooperativa " +
				"regional. Los productores pidieron al gobierno créditos de emergencia para replantar.",
			RawFormat: "text",
			Flags:     []sitrep.Flag{{Kind: "non_english"}},
		},
		{
			ID: "w-undated", Outlet: "Coastal Courier", Title: "Library extends opening hours for exam season",
			Language: "en",
			Text: "The city library will stay open until midnight during the exam season, the council said. " +
				"Students had asked for longer hours in a petition signed by more than two thousand people.",
			RawFormat: "text",
		},
		{
			ID: "w-sanctions", URL: "https://example.org/sanctions", Outlet: "Wire Review",
			Title: "Ministers weigh new sanctions on shipping firms", Published: ptr(date(2026, 1, 5)),
			Language: "en", StoryID: 7, StorylineID: 3,
			Text: "European ministers weighed new sanctions on shipping firms accused of moving Iranian oil. " +
				"Diplomats said a decision could come within weeks. Iran's foreign ministry warned that any " +
				"sanctions would be answered.",
			RawFormat: "text",
			Actors: []sitrep.Actor{
				{ID: "EUR", Name: "European Union", Type: sitrep.ActorIGO, Code: "EUR"},
				{ID: "IRNGOV", Name: "Iranian foreign ministry", Type: sitrep.ActorGov, Code: "IRNGOV"},
			},
			Events: []sitrep.Event{{Source: sitrep.EventActor{ActorID: "IRNGOV", Code: "IRNGOV"},
				Target: sitrep.EventActor{ActorID: "EUR", Code: "EUR"}, CAMEO: "138", PLOVER: "THREATEN",
				Mode: sitrep.ModeThreatened, Goldstein: -7, QuadClass: 3, Date: "2026-01-05", Trigger: "warned"}},
		},
	}
	// Spans are byte offsets into Text: locate each by its words.
	for _, a := range as {
		for i := range a.Mentions {
			a.Mentions[i].Start, a.Mentions[i].End = span(a.Text, a.Mentions[i].Text)
		}
		for i := range a.Timexes {
			a.Timexes[i].Start, a.Timexes[i].End = span(a.Text, a.Timexes[i].Text)
		}
		for i := range a.Quotes {
			a.Quotes[i].Start, a.Quotes[i].End = span(a.Text, a.Quotes[i].Text)
		}
	}
	return as
}

// span returns the byte offsets of the first occurrence of sub in text.
func span(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		return 0, 0
	}
	return i, i + len(sub)
}

// seedActors are actors the seed articles mention, each with the surface forms that signal it.
// The suite tags seed articles with them so that the actor and event filters have real text to
// work on; it is fixture building, not actor recognition.
var seedActors = []struct {
	actor sitrep.Actor
	forms []string
}{
	{sitrep.Actor{ID: "benjamin-netanyahu", Name: "Benjamin Netanyahu", Type: sitrep.ActorPerson, Code: "ISRGOV"}, []string{"Netanyahu"}},
	{sitrep.Actor{ID: "ISR", Name: "Israel", Type: sitrep.ActorCountry, Code: "ISR"}, []string{"Israel"}},
	{sitrep.Actor{ID: "IRN", Name: "Iran", Type: sitrep.ActorCountry, Code: "IRN"}, []string{"Iran", "Tehran"}},
	{sitrep.Actor{ID: "USA", Name: "United States", Type: sitrep.ActorCountry, Code: "USA"}, []string{"U.S.", "United States", "US "}},
	{sitrep.Actor{ID: "USAMIL", Name: "Pentagon", Type: sitrep.ActorGov, Code: "USAMIL"}, []string{"Pentagon"}},
}

// SeedArticles returns the seed articles as stored articles: the raw scraped text as Raw, its
// first line as Title, the rest as Text, the project's publication date, and actors tagged from
// the names they contain. The test is skipped when the seeds are absent.
func SeedArticles(tb testing.TB) []*sitrep.Article {
	tb.Helper()
	var out []*sitrep.Article
	for _, s := range seedtest.Seeds(tb) {
		raw := strings.ReplaceAll(s.Raw, "\r\n", "\n")
		title, body, _ := strings.Cut(strings.TrimSpace(raw), "\n")
		a := &sitrep.Article{
			ID: "seed:" + s.Name, Outlet: "seed", Title: strings.TrimSpace(title),
			Language: "en", Text: strings.TrimSpace(body), Raw: s.Raw, RawFormat: "text",
			Source: s.Path, Removed: []sitrep.Removal{}, Repairs: []sitrep.Repair{},
		}
		if !s.Published.IsZero() {
			a.Published = ptr(s.Published)
		}
		for _, sa := range seedActors {
			for _, f := range sa.forms {
				if strings.Contains(a.Text, f) {
					a.Actors = append(a.Actors, sa.actor)
					break
				}
			}
		}
		out = append(out, a)
	}
	return out
}

// Corpus returns n synthetic articles built from real sentences, for benchmarks: each article
// joins 6 to 20 sentences drawn from texts (the seeds, or any other body text), takes its title
// from one of them, and gets an outlet, a publication date within two years, two to five actors
// and up to four events drawn from fixed lists. The same rng seed gives the same corpus; ids are
// prefix + a number.
func Corpus(n int, texts []string, rngSeed uint64, prefix string) []*sitrep.Article {
	var sentences []string
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			for _, s := range strings.SplitAfter(line, ". ") {
				if s = strings.TrimSpace(s); len(strings.Fields(s)) >= 5 {
					sentences = append(sentences, s)
				}
			}
		}
	}
	if len(sentences) == 0 {
		for _, a := range WrittenArticles() {
			sentences = append(sentences, strings.SplitAfter(a.Text, ". ")...)
		}
	}
	rng := rand.New(rand.NewPCG(rngSeed, 0x5173))
	outlets := []string{"Wire Review", "Daily Ledger", "Coastal Courier", "Voz media", "The Observer Desk", "Metro Times"}
	codes := []string{"USA", "USAGOV", "USAMIL", "ISR", "ISRGOV", "ISRMIL", "IRN", "IRNGOV", "RUS", "UKR",
		"UKRMIL", "CHN", "EUR", "LBN", "LBNREB", "SYR", "EGY", "QAT", "TUR", "IGOUNO"}
	events := []struct{ cameo, plover string }{{"043", "CONSULT"}, {"112", "ACCUSE"}, {"195", "ASSAULT"},
		{"138", "THREATEN"}, {"0311", "COOPERATE"}, {"190", "ASSAULT"}, {"051", "SUPPORT"}, {"163", "SANCTION"}}
	start := date(2024, 1, 1)
	out := make([]*sitrep.Article, n)
	var b strings.Builder
	for i := range out {
		b.Reset()
		k := 6 + rng.IntN(15)
		for j := 0; j < k; j++ {
			if j > 0 {
				if rng.IntN(4) == 0 {
					b.WriteString("\n\n")
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(sentences[rng.IntN(len(sentences))])
		}
		title := sentences[rng.IntN(len(sentences))]
		if len(title) > 90 {
			title = title[:strings.LastIndexByte(title[:90], ' ')+1]
		}
		pub := start.Add(time.Duration(rng.IntN(730*24)) * time.Hour)
		a := &sitrep.Article{
			ID: fmt.Sprintf("%s%07d", prefix, i), URL: fmt.Sprintf("https://example.org/%s/%d", prefix, i),
			Outlet: outlets[rng.IntN(len(outlets))], Title: strings.TrimSpace(title), Published: &pub,
			Language: "en", Text: b.String(), RawFormat: "text", Raw: b.String(),
		}
		seen := map[string]bool{}
		for j := 2 + rng.IntN(4); j > 0; j-- {
			c := codes[rng.IntN(len(codes))]
			if !seen[c] {
				seen[c] = true
				a.Actors = append(a.Actors, sitrep.Actor{ID: c, Name: c, Type: sitrep.ActorCountry, Code: c})
			}
		}
		for j := rng.IntN(5); j > 0; j-- {
			e := events[rng.IntN(len(events))]
			src, tgt := a.Actors[0], a.Actors[len(a.Actors)-1]
			a.Events = append(a.Events, sitrep.Event{CAMEO: e.cameo, PLOVER: e.plover, Mode: sitrep.ModeAsserted,
				Source: sitrep.EventActor{ActorID: src.ID, Code: src.Code}, Target: sitrep.EventActor{ActorID: tgt.ID, Code: tgt.Code},
				Date: pub.Format("2006-01-02"), DateSource: "published"})
		}
		out[i] = a
	}
	return out
}
