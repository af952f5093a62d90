package track_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/track"
)

func openDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(":memory:")
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// ev is a coded event between two actors on a date.
func ev(src, tgt, plover, cameo string, goldstein float64, date string) sitrep.Event {
	return sitrep.Event{Source: sitrep.EventActor{Code: src, Text: src}, Target: sitrep.EventActor{Code: tgt, Text: tgt},
		PLOVER: plover, CAMEO: cameo, Goldstein: goldstein, Mode: sitrep.ModeAsserted, Date: date, Trigger: strings.ToLower(plover)}
}

// withClaim adds one attributed statement found in the text.
func withClaim(a *sitrep.Article, speaker, content, stance, cue string) *sitrep.Article {
	i := strings.Index(a.Text, content)
	if i < 0 {
		panic("claim content not in text")
	}
	sp := sitrep.Source{Text: speaker, Kind: sitrep.SourceNamed}
	a.Quotes = append(a.Quotes, sitrep.Quote{Text: content, Start: i, End: i + len(content), Speaker: sp, Cue: cue, Parent: -1})
	a.Claims = append(a.Claims, sitrep.Claim{ID: a.ID + "-q", QuoteIndex: len(a.Quotes) - 1, Speaker: sp, Content: content, Stance: stance})
	return a
}

// thread is an April 2024 storyline (id 10) in five analysed articles, written for this test: an
// exchange of accusations, Iran's drone and missile attack with US interceptions, and a disputed
// claim about the damage that Israel's military later denies.
func thread() []*sitrep.Article {
	iran := sitrep.Actor{ID: "irn", Name: "Iran", Code: "IRN", Type: sitrep.ActorCountry}
	isr := sitrep.Actor{ID: "isr", Name: "Israel", Code: "ISR", Type: sitrep.ActorCountry}
	a1 := &sitrep.Article{ID: "t1", Outlet: "Wire A", Published: day("2024-04-02"), StoryID: 1, StorylineID: 10,
		Title:  "Iran blames Israel for strike on consulate in Damascus",
		Text:   "Iran accused Israel of striking its consulate building in Damascus and vowed that the attack would not go unanswered.",
		Actors: []sitrep.Actor{iran, isr},
		Events: []sitrep.Event{ev("IRNGOV", "ISR", "ACCUSE", "112", -2, "2024-04-02")}}
	a2 := &sitrep.Article{ID: "t2", Outlet: "Paper B", Published: day("2024-04-03"), StoryID: 1, StorylineID: 10,
		Title:  "Tehran vows response after Damascus consulate strike",
		Text:   "Tehran again blamed Israel for the consulate strike, which killed two generals of the Revolutionary Guards.",
		Actors: []sitrep.Actor{iran, isr},
		Events: []sitrep.Event{ev("IRN", "ISRGOV", "ACCUSE", "112", -2, "2024-04-03")}}
	a3 := withClaim(&sitrep.Article{ID: "t3", Outlet: "Wire A", Published: day("2024-04-14"), StoryID: 2, StorylineID: 10,
		Title: "Iran launches drones and missiles at Israel",
		Text: "Iran launched hundreds of drones and missiles at Israel overnight, and US warplanes shot down dozens of them over Iraq and Syria. " +
			"The Revolutionary Guards said the missiles hit an important air base in the Negev desert.",
		Actors: []sitrep.Actor{iran, isr, {ID: "usa", Name: "United States", Code: "USA", Type: sitrep.ActorCountry}},
		Events: []sitrep.Event{
			ev("IRNMIL", "ISR", "ASSAULT", "195", -10, "2024-04-14"),
			ev("USAMIL", "IRNMIL", "ASSAULT", "190", -10, "2024-04-14"),
		}}, "The Revolutionary Guards", "the missiles hit an important air base in the Negev desert", "assert", "said")
	a4 := &sitrep.Article{ID: "t4", Outlet: "Paper C", Published: day("2024-04-14"), StoryID: 2, StorylineID: 10,
		Title:  "Hundreds of Iranian drones intercepted",
		Text:   "Most of the drones and missiles Iran fired at Israel were intercepted, the Israeli military said.",
		Actors: []sitrep.Actor{iran, isr},
		Events: []sitrep.Event{ev("IRNMIL", "ISR", "ASSAULT", "195", -10, "2024-04-14")}}
	a5 := withClaim(&sitrep.Article{ID: "t5", Outlet: "Paper B", Published: day("2024-04-16"), StoryID: 3, StorylineID: 10,
		Title: "Israel's military says base damage was light",
		Text: "Israel's military denied that the missiles hit an important air base in the Negev desert, saying one runway was lightly damaged. " +
			"The war cabinet met again to weigh its answer to Iran.",
		Actors: []sitrep.Actor{iran, isr}}, "Israel's military", "the missiles hit an important air base in the Negev desert", "deny", "denied")
	return []*sitrep.Article{a1, a2, a3, a4, a5}
}

func kinds(alerts []*sitrep.Alert) string {
	var out []string
	for _, a := range alerts {
		out = append(out, a.Kind+"@"+a.ArticleID)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestTracker_EachKindFiresOnce(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	profiles, alerts := sqlite.NewProfileService(db), sqlite.NewAlertService(db)
	follow := &sitrep.Profile{Name: "Israel and Iran", Actors: []string{"ISR", "IRN"}}
	china := &sitrep.Profile{Name: "China", Actors: []string{"CHN"}}
	for _, p := range []*sitrep.Profile{follow, china} {
		if err := profiles.CreateProfile(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	tr := track.New(profiles, alerts, track.DefaultOptions())
	tr.Claims = claim.New(claim.NewMemStore(), claim.DefaultOptions())
	var got []*sitrep.Alert
	for _, a := range thread() {
		// One batch per article, as a slow feed would deliver them.
		fired, err := tr.Observe(ctx, []*sitrep.Article{a})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fired...)
	}
	want := "claim_status@t5 escalation@t3 new_actor@t3 new_event_type@t3 new_story@t1 new_story@t3 new_story@t5"
	if k := kinds(got); k != want {
		for _, a := range got {
			t.Logf("%s %s: %s", a.Kind, a.Key, a.Message)
		}
		t.Fatalf("alerts = %q\nwant     %q", k, want)
	}
	for _, a := range got {
		if a.ProfileID != follow.ID || a.StorylineID != 10 || a.ID == 0 {
			t.Errorf("alert %+v", a)
		}
		if !strings.HasSuffix(a.Message, ".") || strings.Count(a.Message, "\n") > 0 || len(a.Message) < 20 {
			t.Errorf("message is not one sentence: %q", a.Message)
		}
		switch a.Kind {
		case sitrep.AlertNewActor:
			if !strings.Contains(a.Message, "United States") {
				t.Errorf("new actor message %q", a.Message)
			}
		case sitrep.AlertNewEventType:
			if !strings.Contains(a.Message, "ASSAULT") {
				t.Errorf("event type message %q", a.Message)
			}
		case sitrep.AlertClaimStatus:
			if !strings.Contains(a.Message, "denied") || !strings.Contains(a.Message, "Israel's military") {
				t.Errorf("claim message %q", a.Message)
			}
		}
	}
	// The same developments seen again (a restarted tracker, all in one batch) alert nothing new.
	tr2 := track.New(profiles, alerts, track.DefaultOptions())
	again, err := tr2.Observe(ctx, thread())
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("re-observing fired %s", kinds(again))
	}
	if _, n, _ := alerts.FindAlerts(ctx, sitrep.AlertFilter{ProfileID: &china.ID}); n != 0 {
		t.Errorf("the China profile got %d alerts", n)
	}
}

func TestTracker_StatePersists(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	profiles, alerts := sqlite.NewProfileService(db), sqlite.NewAlertService(db)
	p := &sitrep.Profile{Name: "assaults", Events: []string{"19"}}
	if err := profiles.CreateProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	th := thread()
	first := track.New(profiles, alerts, track.DefaultOptions())
	first.State = sqlite.NewTrackStateStore(db)
	if _, err := first.Observe(ctx, th[:3]); err != nil {
		t.Fatal(err)
	}
	// A new process: the storyline's memory comes from the store, so t4 (nothing new) is quiet
	// and t5 fires its new story only.
	second := track.New(profiles, alerts, track.DefaultOptions())
	second.State = sqlite.NewTrackStateStore(db)
	fired, err := second.Observe(ctx, th[3:])
	if err != nil {
		t.Fatal(err)
	}
	if k := kinds(fired); k != "new_story@t5" {
		t.Fatalf("after restart fired %q, want new_story@t5", k)
	}
}

func TestProfileMatching(t *testing.T) {
	a := thread()[2]
	tests := []struct {
		p    sitrep.Profile
		want bool
	}{
		{sitrep.Profile{Actors: []string{"ISR", "IRN"}}, true},
		{sitrep.Profile{Actors: []string{"IRNMIL"}}, true},
		{sitrep.Profile{Actors: []string{"ISR", "CHN"}}, false},
		{sitrep.Profile{Actors: []string{"ISR", "CHN|USA"}}, true},
		{sitrep.Profile{Events: []string{"ASSAULT"}}, true},
		{sitrep.Profile{Events: []string{"19"}}, true},
		{sitrep.Profile{Events: []string{"PROTEST", "14"}}, false},
		{sitrep.Profile{Query: "drones missiles"}, true},
		{sitrep.Profile{Query: `"air base" negev`}, true},
		{sitrep.Profile{Query: `"base air"`}, false},
		{sitrep.Profile{Query: "drones -negev"}, false},
		{sitrep.Profile{Query: "tanks OR warplanes"}, true},
		{sitrep.Profile{Query: "intercept*"}, false},
		{sitrep.Profile{Query: "revolution*"}, true},
		{sitrep.Profile{Actors: []string{"IRN"}, Events: []string{"ASSAULT"}, Query: "ceasefire"}, false},
	}
	for _, tt := range tests {
		tt.p.Name = "p"
		if got := track.Matches(&tt.p, a); got != tt.want {
			t.Errorf("Matches(%+v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	f.Add(`"air base" OR -x NOT y escalat*`)
	f.Add(`"unterminated OR OR - -- *`)
	f.Fuzz(func(t *testing.T, q string) {
		a := thread()[0]
		_ = track.Matches(&sitrep.Profile{Name: "f", Query: q}, a)
	})
}

// memAlerts is an in-memory AlertService (one alert per profile and key), so that a benchmark can
// separate the tracker's own cost from the store's.
type memAlerts struct {
	keys map[string]bool
	n    int64
}

func (m *memAlerts) CreateAlert(ctx context.Context, a *sitrep.Alert) (bool, error) {
	k := fmt.Sprintf("%d/%s", a.ProfileID, a.Key)
	if m.keys[k] {
		return false, nil
	}
	m.keys[k] = true
	m.n++
	a.ID = m.n
	return true, nil
}

func (m *memAlerts) FindAlerts(ctx context.Context, f sitrep.AlertFilter) ([]*sitrep.Alert, int, error) {
	return nil, 0, nil
}

// BenchmarkObserve observes analysed articles against 1,000 profiles (actor pairs, actor and
// event type, event type and query) in batches of 50 and reports articles/s and alerts fired per
// article. The articles reuse the thread's texts; each of 200 storylines follows one pair of
// actors (60 countries) with its own three event types, and one article in eight brings a third
// actor or a new event type. Alerts are stored in SQLite ("sqlite") or in memory ("memory", the
// tracker's own cost).
func BenchmarkObserve(b *testing.B) {
	for _, store := range []string{"sqlite", "memory"} {
		b.Run(store, func(b *testing.B) { benchObserve(b, store) })
	}
}

func benchObserve(b *testing.B, store string) {
	ctx := context.Background()
	db := openDB(b)
	profiles := sqlite.NewProfileService(db)
	var alerts sitrep.AlertService = sqlite.NewAlertService(db)
	if store == "memory" {
		alerts = &memAlerts{keys: map[string]bool{}}
	}
	codes := strings.Fields(`ISR IRN USA RUS UKR CHN TUR SYR LBN SAU EGY IRQ YEM QAT FRA GBR DEU IND PAK JOR
		AFG ARE ARM AZE BLR BRA CAN COD COL CUB DZA ETH GEO GRC HTI IDN ITA JPN KEN KOR
		LBY MAR MEX MLI MMR NGA NER PRK PHL POL PSE SDN SOM SSD SRB TCD TUN VEN VNM ZAF`)
	nc := len(codes)
	types := []string{"ASSAULT", "COERCE", "THREATEN", "CONSULT", "ACCUSE", "AID", "AGREE", "PROTEST", "DEMAND", "REQUEST"}
	queries := []string{"", "", "missiles", `"air base"`, "ceasefire OR truce", "drones -exercise", "sanctions"}
	for i := 0; i < 1000; i++ {
		p := &sitrep.Profile{Name: fmt.Sprintf("p%d", i)}
		switch i % 3 {
		case 0:
			p.Actors = []string{codes[i%nc], codes[(i*7+3)%nc]}
		case 1:
			p.Actors = []string{codes[i%nc]}
			p.Events = []string{types[i%10]}
		case 2:
			p.Events = []string{types[(i/3)%10]}
			p.Query = queries[i%7]
		}
		if p.Query == "" && len(p.Actors) == 0 && len(p.Events) == 0 {
			p.Query = "missiles"
		}
		if err := profiles.CreateProfile(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	base := thread()
	mk := func(i int) *sitrep.Article {
		src := base[i%len(base)]
		a := *src
		line := i % 200
		a.ID = fmt.Sprintf("a%d", i)
		a.StorylineID = int64(1 + line)
		a.StoryID = int64(1 + i/40) // a story gets about 40 articles spread over 40 storylines
		pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		a.Published = &pub
		a.Events = append([]sitrep.Event(nil), src.Events...)
		for k := range a.Events {
			ev := &a.Events[k]
			ev.Source.Code, ev.Target.Code = codes[line%nc], codes[(line*7+3)%nc]
			ev.PLOVER = types[(line+k%3)%10]
			if i%8 == 0 {
				ev.Target.Code = codes[(i/8)%nc]
				ev.PLOVER = types[(i/8)%10]
			}
			ev.Date = pub.Format("2006-01-02")
		}
		return &a
	}
	tr := track.New(profiles, alerts, track.DefaultOptions())
	const batch = 50
	b.ResetTimer()
	n, fired := 0, 0
	for i := 0; i < b.N; i++ {
		var bt []*sitrep.Article
		for k := 0; k < batch; k++ {
			bt = append(bt, mk(n))
			n++
		}
		out, err := tr.Observe(ctx, bt)
		if err != nil {
			b.Fatal(err)
		}
		fired += len(out)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(fired)/float64(n), "alerts/article")
}

// A profile added after a storyline began is not told that the actors and event types the
// storyline already had are new.
func TestTracker_ProfileAddedLater(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	profiles, alerts := sqlite.NewProfileService(db), sqlite.NewAlertService(db)
	tr := track.New(profiles, alerts, track.DefaultOptions())
	th := thread()
	if _, err := tr.Observe(ctx, th[:3]); err != nil { // no profile yet
		t.Fatal(err)
	}
	if err := profiles.CreateProfile(ctx, &sitrep.Profile{Name: "late", Actors: []string{"ISR", "IRN"}}); err != nil {
		t.Fatal(err)
	}
	fired, err := tr.Observe(ctx, th[3:4])
	if err != nil {
		t.Fatal(err)
	}
	// t4 matches directly: its story is announced, and the escalation of its day (still under
	// way) too; its actors and assault events are not new to the storyline.
	if k := kinds(fired); k != "escalation@t4 new_story@t4" {
		t.Fatalf("fired %q, want escalation@t4 new_story@t4", k)
	}
}
