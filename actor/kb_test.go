package actor_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/actor"
)

func TestLoadKB(t *testing.T) {
	kb := actor.MustLoadKB()
	if kb.Len() < 600 {
		t.Fatalf("KB has %d entries, want at least 600", kb.Len())
	}
	for _, id := range []string{"ISR", "USA", "IRN", "USAGOV", "USAMIL", "ISRGOV", "IRNGOV", "IRNMIL", "RUSGOV", "hezbollah", "hamas", "axios", "yoav-gallant"} {
		if kb.Entry(id) == nil {
			t.Errorf("entry %s missing", id)
		}
	}
}

func TestKBFind(t *testing.T) {
	kb := actor.MustLoadKB()
	tests := []struct {
		name, at, wantID, wantCode string
		wantCurrent                bool
	}{
		{"Donald Trump", "2019-06-01", "donald-trump", "USAGOV", true},
		{"Donald Trump", "2024-10-11", "donald-trump", "USAELI", false},
		{"Donald Trump", "2026-02-11", "donald-trump", "USAGOV", true},
		{"Joe Biden", "2024-04-15", "joe-biden", "USAGOV", true},
		{"Joe Biden", "2026-01-16", "joe-biden", "USAELI", false},
		{"Yoav Gallant", "2024-10-11", "yoav-gallant", "ISRMIL", true},
		{"Israel Katz", "2025-03-01", "israel-katz", "ISRMIL", true},
		{"Israel Katz", "2024-06-01", "israel-katz", "ISRGOV", true},
		{"Lloyd Austin", "2024-10-11", "lloyd-austin", "USAMIL", true},
		{"Pete Hegseth", "2025-06-01", "pete-hegseth", "USAMIL", true},
		{"Abbas Araghchi", "2024-06-01", "abbas-araghchi", "IRN", false},
		{"the Jewish state", "2024-06-01", "ISR", "ISR", false},
		{"White House", "2024-06-01", "USAGOV", "USAGOV", false},
		{"Pentagon", "2024-06-01", "USAMIL", "USAMIL", false},
		{"IRGC", "2024-06-01", "IRNMIL", "IRNMIL", false},
		{"Hizbollah", "2024-06-01", "hezbollah", "LBNREB", false},
	}
	for _, tt := range tests {
		t.Run(tt.name+"@"+tt.at, func(t *testing.T) {
			ms := kb.Find(tt.name, date(tt.at))
			if len(ms) == 0 {
				t.Fatalf("no match")
			}
			m := ms[0]
			if got, want := m.Entry.ID, tt.wantID; got != want {
				t.Fatalf("id=%s, want %s", got, want)
			}
			if got, want := m.Code, tt.wantCode; got != want {
				t.Fatalf("code=%s, want %s", got, want)
			}
			cur := false
			for _, r := range m.Roles {
				cur = cur || r.Current
			}
			if cur != tt.wantCurrent {
				t.Fatalf("current=%v, want %v (roles %+v)", cur, tt.wantCurrent, m.Roles)
			}
		})
	}
	t.Run("Surname", func(t *testing.T) {
		ms := kb.Find("Netanyahu", date("2024-10-11"))
		if len(ms) == 0 || ms[0].Entry.ID != "benjamin-netanyahu" || ms[0].Via != "surname" {
			t.Fatalf("Find(Netanyahu)=%v", ms)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		if ms := kb.Find("Nobody Inparticular", time.Time{}); len(ms) != 0 {
			t.Fatalf("Find=%v, want none", ms)
		}
	})
	t.Run("String", func(t *testing.T) {
		s := kb.Find("Gallant", date("2024-10-11"))[0].String()
		if !strings.Contains(s, "yoav-gallant") || !strings.Contains(s, "Defense Minister [ISRMIL] 2022-12-29 – 2024-11-05  (current)") {
			t.Fatalf("String()=%q", s)
		}
	})
}

func TestParseEntries(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		src := "# test\nperson Jane Example\n  country: ABC\n  alias: J. Example; Janey\n  role: Foreign Minister | ABCGOV | 2020-01 | 2022-03-04\n" +
			"media The Daily Example\n  code: ABCMED\n  country: ABC\n"
		es, err := actor.ParseEntries(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(es), 2; got != want {
			t.Fatalf("entries=%d, want %d", got, want)
		}
		p := es[0]
		if p.ID != "jane-example" || p.Type != "person" || len(p.Aliases) != 2 || len(p.Roles) != 1 {
			t.Fatalf("person=%+v", p)
		}
		if r := p.Roles[0]; !r.Start.Equal(date("2020-01-01")) || !r.End.Equal(date("2022-03-04")) || r.Country != "ABC" {
			t.Fatalf("role=%+v", r)
		}
		if es[1].Type != "media" || es[1].Code != "ABCMED" {
			t.Fatalf("media=%+v", es[1])
		}
	})
	for name, src := range map[string]string{
		"ErrUnknownType": "robot R2\n",
		"ErrUnknownKey":  "person X Y\n  colour: red\n",
		"ErrOrphan":      "  alias: nobody\n",
		"ErrBadDate":     "person X Y\n  role: King | XXXGOV | 2020-13-01 |\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := actor.ParseEntries(strings.NewReader(src)); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

func TestKBMerge(t *testing.T) {
	kb := actor.MustLoadKB()
	es := []actor.Entry{
		{Name: "Yoav Gallant", Type: "person", Code: "ISRMIL", Aliases: []string{"Yoav Galant"}, Source: "petrarch"},
		{Name: "Jane Example", Type: "person", Country: "ABC", Code: "ABCGOV", Source: "petrarch"},
	}
	added, merged := kb.Merge(es, true)
	if added != 1 || merged != 1 {
		t.Fatalf("added=%d merged=%d, want 1 and 1", added, merged)
	}
	ms := kb.Find("Yoav Galant", date("2024-10-11"))
	if len(ms) == 0 || ms[0].Entry.ID != "yoav-gallant" || ms[0].Entry.Source != "sitrep" || len(ms[0].Roles) != 1 {
		t.Fatalf("merged alias: %v", ms)
	}
	if ms := kb.Find("Jane Example", time.Time{}); len(ms) == 0 || ms[0].Code != "ABCGOV" {
		t.Fatalf("added entry: %v", ms)
	}
	// theirs win
	kb2 := actor.MustLoadKB()
	kb2.Merge([]actor.Entry{{Name: "Axios", Type: "media", Code: "USAMEDX"}}, false)
	if ms := kb2.Find("Axios", time.Time{}); len(ms) == 0 || ms[0].Code != "USAMEDX" {
		t.Fatalf("preferOurs=false: %v", ms)
	}
}

func TestWriteEntriesRoundTrip(t *testing.T) {
	src := "# petrarch sample\nBENJAMIN_NETANYAHU_\n+BIBI_NETANYAHU_\n\t[ISRGOV 960618-990706]\n\t[ISRGOV >090401]\nHAMAS_ [PSEREBHMS]\n"
	es, err := actor.ParsePETRARCH(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := actor.WriteEntries(&b, es); err != nil {
		t.Fatal(err)
	}
	back, err := actor.ParseEntries(strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("%v in\n%s", err, b.String())
	}
	if len(back) != 2 || back[0].Name != "Benjamin Netanyahu" || len(back[0].Roles) != 2 || !back[0].Roles[0].Start.Equal(date("1996-06-18")) || back[1].Code != "PSEREBHMS" {
		t.Fatalf("round trip: %+v", back)
	}
	kb := actor.MustLoadKB()
	if _, merged, err := kb.LoadFile(strings.NewReader(b.String()), true); err != nil || merged != 2 {
		t.Fatalf("LoadFile merged=%d err=%v", merged, err)
	}
}
