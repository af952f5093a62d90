package actor_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/text"
	"github.com/sitrep/sitrep/timex"
)

var testKB = actor.MustLoadKB()

// tag runs the tagger on s with the given publication date ("" = unknown).
func tag(t testing.TB, s, published string) *sitrep.Article {
	t.Helper()
	a := &sitrep.Article{Text: s}
	if published != "" {
		d := date(published)
		a.Published = &d
	}
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	if err := tg.Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	for _, m := range a.Mentions {
		if s[m.Start:m.End] != m.Text {
			t.Fatalf("mention %q has span %d:%d = %q", m.Text, m.Start, m.End, s[m.Start:m.End])
		}
	}
	return a
}

// mention returns the first mention whose text is txt.
func mention(a *sitrep.Article, txt string) *sitrep.Mention {
	for i := range a.Mentions {
		if a.Mentions[i].Text == txt {
			return &a.Mentions[i]
		}
	}
	return nil
}

func actorByID(a *sitrep.Article, id string) *sitrep.Actor {
	for i := range a.Actors {
		if a.Actors[i].ID == id {
			return &a.Actors[i]
		}
	}
	return nil
}

func TestTaggerMentions(t *testing.T) {
	tests := []struct {
		name, text, date string
		mention          string
		actorID, typ     string
		role, resolution string
	}{
		{"Possessive", "Israel's defense minister Yoav Gallant met his counterpart on Tuesday.", "2024-05-01", "Yoav Gallant", "yoav-gallant", "person", "Israel's defense minister", "name"},
		{"Apposition", "Abbas Araghchi, Iran's foreign minister, rejected the offer.", "2025-02-01", "Abbas Araghchi", "abbas-araghchi", "person", "Iran's foreign minister", "name"},
		{"PreModifierOrg", "Pentagon press secretary Patrick Ryder told reporters the call went well.", "2024-01-10", "Patrick Ryder", "patrick-ryder", "person", "Pentagon press secretary", "name"},
		{"EnvoyTail", "He will meet White House Special Envoy to the Middle East Steve Witkoff in Doha.", "2025-06-01", "Steve Witkoff", "steve-witkoff", "person", "White House Special Envoy to the Middle East", "name"},
		{"HeadOf", "Ronen Bar, head of Israel's Shin Bet agency, resigned.", "2025-05-01", "Ronen Bar", "ronen-bar", "person", "head of Israel's Shin Bet agency", "name"},
		{"Surname", "Benny Gantz arrived late. Gantz said nothing.", "2021-05-01", "Gantz", "benny-gantz", "person", "", "surname"},
		{"MediaNotPerson", "Officials spoke to the press, Axios reported on Monday.", "2024-05-01", "Axios", "axios", "media", "", "name"},
		{"BroadcasterKan", "The cabinet met, Israeli broadcaster Kan said.", "2024-05-01", "Kan", "kan", "media", "", "name"},
		{"NYT", "The plan was first described by the New York Times last week.", "2024-05-01", "the New York Times", "the-new-york-times", "media", "", "name"},
		{"JewishState", "Critics said the Jewish state would respond.", "2024-05-01", "the Jewish state", "ISR", "country", "", "alias"},
		{"Kremlin", "The Kremlin said the talks were useful.", "2024-05-01", "The Kremlin", "RUSGOV", "org", "", "metonym"},
		{"WhiteHouse", "The White House declined to comment.", "2024-05-01", "White House", "USAGOV", "org", "", "metonym"},
		{"Pentagon", "The Pentagon confirmed the deployment.", "2024-05-01", "Pentagon", "USAMIL", "org", "", "metonym"},
		{"TehranGov", "Tehran warned of a crushing response.", "2024-05-01", "Tehran", "IRNGOV", "org", "", "metonym"},
		{"WashingtonPossessive", "Washington's aim is to avoid a wider war.", "2024-05-01", "Washington", "USAGOV", "org", "", "metonym"},
		{"TehranPlace", "Thousands marched in Tehran on Friday.", "2024-05-01", "Tehran", "place:tehran", "place", "", "capital"},
		{"DemonymOfficials", "Israeli officials said the strike was limited.", "2024-05-01", "Israeli", "ISR", "country", "", "demonym"},
		{"DemonymTroops", "Iranian troops moved south.", "2024-05-01", "Iranian", "IRN", "country", "", "demonym"},
		{"DemonymPlain", "Several Israeli cities were hit.", "2024-05-01", "Israeli", "ISR", "country", "", "demonym"},
		{"Group", "Hezbollah fired rockets at the north.", "2024-05-01", "Hezbollah", "hezbollah", "group", "", "name"},
		{"IGO", "The IAEA said inspectors had left.", "2024-05-01", "IAEA", "international-atomic-energy-agency", "org", "", "alias"},
		{"UnknownPersonWithCountry", "Israeli official Avner Tzidkiyahu said the talks had stalled.", "2024-05-01", "Avner Tzidkiyahu", "x:avner-tzidkiyahu", "person", "Israeli official", "unknown"},
		{"UnknownApposition", "\"This is a pause,\" said Dana Kessler, a former Pentagon official.", "2024-05-01", "Dana Kessler", "x:dana-kessler", "person", "former Pentagon official", "unknown"},
		{"UnknownOrg", "Shares of Northwind Logistics fell after the report.", "2024-05-01", "Northwind Logistics", "x:northwind-logistics", "org", "", "unknown"},
		{"UnknownPersonAge", "Police arrested Darnell Whitcombe, 34, after the shooting.", "2024-05-01", "Darnell Whitcombe", "x:darnell-whitcombe", "person", "", "unknown"},
		{"UnknownPersonAgeSurname", "Darnell Whitcombe, 34, was arrested. Whitcombe said nothing.", "2024-05-01", "Whitcombe", "x:darnell-whitcombe", "person", "", "unknown"},
		{"UnknownOrgYear", "Shares of Northwind Logistics, 2024, fell.", "2024-05-01", "Northwind Logistics", "x:northwind-logistics", "org", "", "unknown"},
		{"NonASCII", "Mevlüt Çavuşoğlu spoke in Ankara.", "2020-01-01", "Mevlüt Çavuşoğlu", "mevlut-cavusoglu", "person", "", "alias"},
		{"NonASCIILengthChange", "Officials said İbrahim Kalın met them.", "2024-01-01", "İbrahim Kalın", "ibrahim-kalin", "person", "", "alias"},
		{"Compound", "The Israel-Lebanon border was quiet.", "2024-05-01", "Lebanon", "LBN", "country", "", "name"},
		{"SaintPlace", "The team flew to St. Louis for the final on Sunday.", "2024-05-01", "St. Louis", "x:st-louis", "place", "", "unknown"},
		{"AirportPlace", "A cargo jet landed at Tarrow airport after the storm.", "2024-05-01", "Tarrow", "x:tarrow", "place", "", "unknown"},
		{"GivenNameAndKBSurname", "Delia Brown told the court she was heartbroken.", "2024-05-01", "Delia Brown", "x:delia-brown", "person", "", "unknown"},
		{"CityMarket", "Stocks fell again and London's FTSE 100 lost 2%.", "2024-05-01", "London", "place:london", "place", "", "capital"},
		{"CityMarketSpaced", "Stocks fell again and London 's FTSE 100 lost 2 % .", "2024-05-01", "London", "place:london", "place", "", "capital"},
		{"AcronymAfterIn", "The tankers will fly in RAF colours from next year.", "2024-05-01", "RAF", "x:raf", "org", "", "unknown"},
		{"DemonymAirTraffic", "The ban covers Indonesian air traffic to Europe.", "2024-05-01", "Indonesian", "IDN", "country", "", "demonym"},
		{"DemonymAirStrikes", "Israeli air strikes hit the port.", "2024-05-01", "Israeli", "ISR", "country", "", "demonym"},
		{"SurnameInLy", "Sales fell last year. Dunnally says the new range will help.", "2024-05-01", "Dunnally", "x:dunnally", "org", "", "unknown"},
		{"NorthAmerican", "The carmaker cut jobs in its North American plants.", "2024-05-01", "North American", "place:north-america", "place", "", "alias"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tag(t, tt.text, tt.date)
			m := mention(a, tt.mention)
			if m == nil {
				t.Fatalf("no mention %q in %+v", tt.mention, a.Mentions)
			}
			if got, want := m.ActorID, tt.actorID; got != want {
				t.Fatalf("actor=%s, want %s", got, want)
			}
			if got, want := m.Type, tt.typ; got != want {
				t.Fatalf("type=%s, want %s", got, want)
			}
			if got, want := m.Role, tt.role; got != want {
				t.Fatalf("role=%q, want %q", got, want)
			}
			if got, want := m.Resolution, tt.resolution; got != want {
				t.Fatalf("resolution=%q, want %q", got, want)
			}
			if actorByID(a, m.ActorID) == nil {
				t.Fatalf("actor %s not in Actors", m.ActorID)
			}
		})
	}
}

func TestTaggerUnknownCountry(t *testing.T) {
	a := tag(t, "Israeli official Avner Tzidkiyahu said the talks had stalled.", "2024-05-01")
	ac := actorByID(a, "x:avner-tzidkiyahu")
	if ac == nil || ac.Country != "ISR" || ac.Type != "person" {
		t.Fatalf("actor=%+v", ac)
	}
	if len(ac.Roles) != 1 || ac.Roles[0].Title != "Israeli official" || ac.Roles[0].Country != "ISR" || !ac.Roles[0].Current {
		t.Fatalf("roles=%+v", ac.Roles)
	}
}

func TestTaggerCredit(t *testing.T) {
	a := tag(t, "The two leaders at the Oval Office/ Jim WatsonAFP\n\nJoe Biden spoke first.", "2024-05-01")
	for _, m := range a.Mentions {
		if strings.Contains(m.Text, "Watson") {
			t.Fatalf("photographer tagged: %+v", m)
		}
	}
	a = tag(t, "Protesters in the capital. Photo: Dana Kestrel\nThe march went on.", "2024-05-01")
	for _, m := range a.Mentions {
		if strings.Contains(m.Text, "Kestrel") {
			t.Fatalf("photographer tagged: %+v", m)
		}
	}
}

func TestTaggerTitles(t *testing.T) {
	t.Run("FormerPresident", func(t *testing.T) {
		a := tag(t, "Donald Trump spoke at a rally. \"We must be ready,\" the former president said.", "2024-10-11")
		m := mention(a, "the former president")
		if m == nil || m.ActorID != "donald-trump" || m.Resolution != "title" {
			t.Fatalf("mention=%+v", m)
		}
	})
	t.Run("PresidentAtDate", func(t *testing.T) {
		for _, tt := range []struct{ date, want string }{
			{"2019-03-01", "donald-trump"}, {"2023-03-01", "joe-biden"}, {"2025-03-01", "donald-trump"},
		} {
			a := tag(t, "The president of the United States signed the order.", tt.date)
			m := mention(a, "The president of the United States")
			if m == nil || m.ActorID != tt.want {
				t.Fatalf("%s: mention=%+v (all %+v)", tt.date, m, a.Mentions)
			}
		}
	})
	t.Run("DefenseMinisterAtDate", func(t *testing.T) {
		for _, tt := range []struct{ date, want string }{
			{"2024-10-11", "yoav-gallant"}, {"2025-03-01", "israel-katz"}, {"2021-03-01", "benny-gantz"},
		} {
			a := tag(t, "Officials said Israel's defense minister would travel to Washington.", tt.date)
			m := mention(a, "Israel's defense minister")
			if m == nil || m.ActorID != tt.want || m.Type != "person" {
				t.Fatalf("%s: mention=%+v", tt.date, m)
			}
		}
	})
	t.Run("PressSecretary", func(t *testing.T) {
		a := tag(t, "White House press secretary Karoline Leavitt spoke. \"We are watching,\" added the press secretary.", "2025-06-01")
		if m := mention(a, "the press secretary"); m == nil || m.ActorID != "karoline-leavitt" {
			t.Fatalf("mention=%+v", m)
		}
	})
}

func TestTaggerPronoun(t *testing.T) {
	a := tag(t, "Lloyd Austin met reporters. \"He was clear,\" one aide said. He added that talks would go on.", "2024-05-01")
	var got []string
	for _, m := range a.Mentions {
		if m.Resolution == "pronoun" {
			got = append(got, m.Text+"="+m.ActorID)
		}
	}
	if len(got) != 1 || got[0] != "He=lloyd-austin" {
		t.Fatalf("pronouns=%v (quoted 'He' must not be resolved)", got)
	}
}

func TestTaggerRolesCurrent(t *testing.T) {
	a := tag(t, "Joe Biden called Benjamin Netanyahu.", "2026-01-16")
	b := actorByID(a, "joe-biden")
	if b == nil || b.Code != "USAELI" {
		t.Fatalf("biden=%+v", b)
	}
	for _, r := range b.Roles {
		if r.Current {
			t.Fatalf("Biden holds no office in 2026: %+v", r)
		}
	}
	n := actorByID(a, "benjamin-netanyahu")
	cur := 0
	for _, r := range n.Roles {
		if r.Current {
			cur++
			if r.Title != "Prime Minister" {
				t.Fatalf("current role %+v", r)
			}
		}
	}
	if cur != 1 {
		t.Fatalf("Netanyahu current roles=%d, want 1", cur)
	}
}

func TestTaggerInferPublished(t *testing.T) {
	t.Run("Offices", func(t *testing.T) {
		a := tag(t, "Former president Donald Trump attacked President Joe Biden over the deal.", "")
		r := a.PublishedInferred
		if r == nil {
			t.Fatal("no inferred range")
		}
		if !r.Earliest.Equal(date("2021-01-20")) || !r.Latest.Equal(date("2025-01-19")) {
			t.Fatalf("range=%s..%s, want 2021-01-20..2025-01-19 (%v)", r.Earliest.Format(time.DateOnly), r.Latest.Format(time.DateOnly), r.Evidence)
		}
		if len(r.Evidence) != 2 {
			t.Fatalf("evidence=%v", r.Evidence)
		}
		// roles are resolved at the midpoint: Biden is the current president
		if b := actorByID(a, "joe-biden"); b == nil || b.Code != "USAGOV" {
			t.Fatalf("biden=%+v", b)
		}
	})
	t.Run("ExplicitDate", func(t *testing.T) {
		a := &sitrep.Article{Text: "Defense Minister Yoav Gallant spoke on Oct. 1, 2024."}
		a.Timexes = []sitrep.TimeExpr{{Text: "Oct. 1, 2024", Start: 37, End: 49, Type: sitrep.TimexDate, Value: "2024-10-01", Anchor: "text"}}
		tg := actor.NewTagger(testKB, actor.DefaultOptions())
		if err := tg.Process(context.Background(), a, text.Parse(a.Text)); err != nil {
			t.Fatal(err)
		}
		r := a.PublishedInferred
		if r == nil || r.Earliest.Before(date("2023-10-01")) || r.Latest.After(date("2024-11-04")) {
			t.Fatalf("range=%+v", r)
		}
	})
	t.Run("None", func(t *testing.T) {
		a := tag(t, "The president spoke to reporters.", "")
		if a.PublishedInferred != nil {
			t.Fatalf("range=%+v", a.PublishedInferred)
		}
		m := mention(a, "The president")
		if m == nil || m.Resolution != "title-latest" {
			t.Fatalf("mention=%+v", m)
		}
		if len(a.Flags) == 0 || a.Flags[0].Kind != "actor_date_unknown" {
			t.Fatalf("flags=%+v", a.Flags)
		}
	})
}

func TestTaggerBounded(t *testing.T) {
	s := strings.Repeat("Alpha Beta Gamma Delta said that Israel's defense minister met Axios. ", 3000)
	opts := actor.DefaultOptions()
	opts.MaxTokens = 1000
	a := &sitrep.Article{Text: s}
	if err := actor.NewTagger(testKB, opts).Process(context.Background(), a, text.Parse(s)); err != nil {
		t.Fatal(err)
	}
	for _, m := range a.Mentions {
		if m.Start > len(s)/2 {
			t.Fatalf("mention beyond MaxTokens: %+v", m)
		}
	}
}

func TestTaggerCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &sitrep.Article{Text: "Joe Biden spoke."}
	if err := actor.NewTagger(testKB, actor.DefaultOptions()).Process(ctx, a, text.Parse(a.Text)); err == nil {
		t.Fatal("want context error")
	}
}

func TestTaggerConcurrent(t *testing.T) {
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	texts := []string{
		"Israel's defense minister Yoav Gallant met Lloyd Austin. He said talks went well.",
		"Tehran warned Washington, the Kremlin said. The former president spoke in Iowa.",
		"Israeli official Avner Tzidkiyahu said the Jewish state would respond, Axios reported.",
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			var err error
			for i := 0; i < 50 && err == nil; i++ {
				s := texts[(g+i)%len(texts)]
				a := &sitrep.Article{Text: s}
				if i%2 == 0 {
					d := date("2024-05-01")
					a.Published = &d
				}
				err = tg.Process(context.Background(), a, text.Parse(s))
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestTaggerNonNames checks capitalised sequences that are products, events or indices rather
// than actors, and that the names around them are still found.
func TestTaggerNonNames(t *testing.T) {
	tests := []struct {
		name, text string
		absent     []string // no mention may contain any of these
		present    []string // mentions that must exist
	}{
		{"IndexNumber", "The Halvard & Rhee 300 index fell while Corvin Capital gained.", []string{"Halvard", "Rhee"}, []string{"Corvin Capital"}},
		{"IndexPossessive", "The Standard & Poor's 500 index dropped 2% on Monday.", []string{"Standard", "Poor"}, nil},
		{"IndexName", "The Dow Jones was down 2% at noon as Keltor Motors said it would cut jobs.", []string{"Dow Jones"}, []string{"Keltor Motors"}},
		{"ProductLine", "Keltor Motors introduced the new Vantis line. The Vantis comes in two colours.", []string{"Vantis"}, []string{"Keltor Motors"}},
		{"ModelCue", "Keltor Motors will build its next model Vantis in Ohio.", []string{"Vantis"}, []string{"Keltor Motors"}},
		{"LegalForm", "said the chairman of Brenner Holdings LLC Jim Okafor on Monday.", []string{"LLC Jim"}, []string{"Jim Okafor"}},
		{"CamelBrand", "Orrin Labs updated the iWidget Nano and said sales rose.", []string{"Nano"}, []string{"Orrin Labs"}},
		{"EventAcronym", "Engineers met at the Brellin Developers Conference (BDC). The BDC drew 5,000 people.", []string{"BDC", "Brellin"}, nil},
		{"HeadlineName", "Quorvex plans to sell films online\nQuorvex executives are in talks with studios, Quorvex said.", nil, []string{"Quorvex"}},
		{"IndexSpacedPossessive", "The Halvard & Rhee 's 300 index fell while Corvin Capital gained .", []string{"Halvard", "Rhee"}, []string{"Corvin Capital"}},
		{"IndexWithAnd", "The Halvard and Rhee's 300 index fell while Corvin Capital gained.", []string{"Halvard", "Rhee"}, []string{"Corvin Capital"}},
		{"HyphenModel", "The air force will retire its Tervik VC-10 fleet, Tervik Aviation said.", []string{"VC"}, []string{"Tervik Aviation"}},
		{"OperatingSystem", "Orrin Labs released Nova OS X Ridge. Developers said the Nova apps ran faster on the Nova.", []string{"Nova", "Ridge"}, []string{"Orrin Labs"}},
		{"VersionApposition", "Users praised Quillfin, the newest version of the Orrin Labs browser, on Monday.", []string{"Quillfin"}, []string{"Orrin Labs"}},
		{"BrowserCue", "The update fixes the web browser Quillfin and other tools, Orrin Labs said.", []string{"Quillfin"}, []string{"Orrin Labs"}},
		{"CountedMaker", "Aer Talon bought 12 new long-haul Corvane jets. Deliveries start next year.", []string{"Corvane"}, []string{"Aer Talon"}},
		{"TheModel", "Keltor will stop building the Keltor Vantis. Dealers said the Vantis was popular.", nil, []string{"Keltor"}},
		{"FlightNumber", "Investigators studied the loss of Marlow Air Flight 812 near the coast.", []string{"Flight"}, []string{"Marlow Air"}},
		{"EventOrganiser", "Quorvex said sales rose. At the Quorvex Worldwide Builders Conference it showed a phone.", []string{"Conference"}, []string{"Quorvex"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tag(t, tt.text, "2024-05-01")
			for _, m := range a.Mentions {
				for _, x := range tt.absent {
					if strings.Contains(m.Text, x) {
						t.Errorf("unexpected mention %q (%s)", m.Text, m.Type)
					}
				}
			}
			for _, p := range tt.present {
				if mention(a, p) == nil {
					t.Errorf("no mention %q in %+v", p, a.Mentions)
				}
			}
		})
	}
	// "the Vantis" is the model named after its maker elsewhere; "Keltor" alone stays a name
	a := tag(t, "Keltor will stop building the Keltor Vantis. Dealers said the Vantis was popular.", "2024-05-01")
	for _, m := range a.Mentions {
		if m.Text == "Vantis" {
			t.Errorf("model tagged as a name: %+v", m)
		}
	}
	// but places, teams and bands after "the" are names
	a = tag(t, "He grew up in the Bronx. The Corvettes beat the Ravens, and the Beatles played on.", "2024-05-01")
	for _, w := range []string{"Bronx", "Corvettes", "Ravens", "Beatles"} {
		if mention(a, w) == nil {
			t.Errorf("no mention %q in %+v", w, a.Mentions)
		}
	}
	// a company named after a product cue but speaking elsewhere stays a name
	a = tag(t, "Orrin Labs ships the browser Quorvex\nQuorvex said on Monday it would fix the flaw.", "2024-05-01")
	if mention(a, "Quorvex") == nil {
		t.Errorf("speaking company lost after a product cue: %+v", a.Mentions)
	}
	// the headline's opening word is a name: it is never written in lower case
	a = tag(t, "Quorvex plans to sell films online\nQuorvex's executives are in talks with studios.", "2024-05-01")
	if m := a.Mentions; len(m) < 2 || m[0].Start != 0 {
		t.Errorf("headline-opening name not tagged: %+v", m)
	}
	// ordinary words opening every sentence they are in stay untagged
	a = tag(t, "Stock markets fell sharply\nStock indexes worldwide dropped on Monday.\nSpeaking to reporters, officials said more was needed.", "2024-05-01")
	if len(a.Mentions) != 0 {
		t.Errorf("ordinary sentence-initial words tagged: %+v", a.Mentions)
	}
}

func TestTaggerNamedDay(t *testing.T) {
	// time expressions come first in the pipeline; a capitalised word naming a day with them is
	// not an actor, a company next to a weekday is
	for _, tt := range []struct {
		text    string
		absent  string
		present string
	}{
		{"Traders still remember ' Black Monday ' and the crash that followed.", "Black", ""},
		{"Shares fell on Black Monday, Corvin Capital said.", "Black", "Corvin Capital"},
		{"Ships waited in the Gulf of Aden Thursday before sailing on.", "", "Aden"},
	} {
		a := &sitrep.Article{Text: tt.text}
		d := date("2024-05-01")
		a.Published = &d
		doc := text.Parse(tt.text)
		if err := timex.NewTagger(timex.DefaultOptions()).Process(context.Background(), a, doc); err != nil {
			t.Fatal(err)
		}
		if err := actor.NewTagger(testKB, actor.DefaultOptions()).Process(context.Background(), a, doc); err != nil {
			t.Fatal(err)
		}
		if tt.absent != "" && mention(a, tt.absent) != nil {
			t.Errorf("%q: day name tagged: %+v", tt.text, a.Mentions)
		}
		if tt.present != "" && mention(a, tt.present) == nil {
			t.Errorf("%q: no mention %q in %+v", tt.text, tt.present, a.Mentions)
		}
	}
}

func TestTaggerRepeatsLinear(t *testing.T) {
	// every test that looks at the whole text (is this word a proper name elsewhere? does it
	// speak? is it a model named after its maker?) is answered once per word, so an article
	// repeating the same sentence costs linear time; each of these took tens of seconds at
	// 20,000 repeats when the answers were rescanned per occurrence
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	for _, unit := range []string{"Stock fell. ", "Keltor plans more\n", "x the Bronx and ", "Kelt Vance and Dora Brown met. "} {
		s := strings.Repeat(unit, 16000)
		start := time.Now()
		a := &sitrep.Article{Text: s}
		if err := tg.Process(context.Background(), a, text.Parse(s)); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q ×16000: %v", unit, d)
		}
	}
}
