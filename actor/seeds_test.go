package actor_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

// seedArticles tags the seed articles (raw text: the seeds are mostly body) at their dates.
func seedArticles(t testing.TB) map[string]*sitrep.Article {
	t.Helper()
	tg := actor.NewTagger(testKB, actor.DefaultOptions())
	out := map[string]*sitrep.Article{}
	for _, s := range seedtest.Seeds(t) {
		p := s.Published
		a := &sitrep.Article{ID: s.Name, Text: s.Raw, Published: &p}
		if err := tg.Process(context.Background(), a, text.Parse(a.Text)); err != nil {
			t.Fatal(err)
		}
		out[s.Name[:3]] = a
	}
	return out
}

func TestSeedsOfficials(t *testing.T) {
	arts := seedArticles(t)
	type official struct {
		id, country, role string // role: title of the role current at the date ("" = former only)
	}
	want := map[string][]official{
		"000": {{"yoav-gallant", "ISR", "Defense Minister"}, {"lloyd-austin", "USA", "Secretary of Defense"},
			{"jake-sullivan", "USA", "National Security Adviser"}, {"ron-dermer", "ISR", "Minister of Strategic Affairs"},
			{"benjamin-netanyahu", "ISR", "Prime Minister"}, {"joe-biden", "USA", "President"}, {"donald-trump", "USA", ""}},
		"001": {{"joe-biden", "USA", "President"}, {"benjamin-netanyahu", "ISR", "Prime Minister"},
			{"antony-blinken", "USA", "Secretary of State"}, {"lloyd-austin", "USA", "Secretary of Defense"}},
		"002": {{"david-barnea", "ISR", "Mossad Director"}, {"steve-witkoff", "USA", "Special Envoy to the Middle East"},
			{"abbas-araghchi", "IRN", "Foreign Minister"}, {"karoline-leavitt", "USA", "White House Press Secretary"},
			{"donald-trump", "USA", "President"}, {"benjamin-netanyahu", "ISR", "Prime Minister"}},
		"003": {{"benjamin-netanyahu", "ISR", "Prime Minister"}, {"donald-trump", "USA", "President"}},
		"004": {{"lloyd-austin", "USA", "Secretary of Defense"}, {"yoav-gallant", "ISR", "Defense Minister"},
			{"patrick-ryder", "USA", "Pentagon Press Secretary"}, {"benjamin-netanyahu", "ISR", "Prime Minister"},
			{"joe-biden", "USA", "President"}},
	}
	for seed, offs := range want {
		a := arts[seed]
		if a == nil {
			t.Fatalf("seed %s missing", seed)
		}
		for _, o := range offs {
			ac := actorByID(a, o.id)
			if ac == nil {
				t.Errorf("%s: %s not found", seed, o.id)
				continue
			}
			if ac.Country != o.country || ac.Type != "person" || len(ac.Roles) == 0 {
				t.Errorf("%s: %s = %+v", seed, o.id, ac)
			}
			cur := ""
			for _, r := range ac.Roles {
				if r.Current {
					cur = r.Title
				}
			}
			if cur != o.role {
				t.Errorf("%s: %s current role %q, want %q", seed, o.id, cur, o.role)
			}
		}
	}
}

func TestSeedsNoOutletOrPhotographerAsPerson(t *testing.T) {
	bad := []string{"watson", "axios", "bloomberg", "kan", "cnn", "new york times", "times of israel", "voz"}
	for seed, a := range seedArticles(t) {
		for _, ac := range a.Actors {
			if ac.Type != "person" {
				continue
			}
			for _, b := range bad {
				if strings.Contains(strings.ToLower(ac.Name), b) {
					t.Errorf("%s: %q is a person", seed, ac.Name)
				}
			}
		}
		for _, m := range a.Mentions {
			switch m.Text {
			case "Axios", "Bloomberg News", "Kan", "CNN", "the New York Times", "The Times of Israel":
				if m.Type != "media" {
					t.Errorf("%s: %q typed %s", seed, m.Text, m.Type)
				}
			}
		}
	}
}

func TestSeedsResolution(t *testing.T) {
	arts := seedArticles(t)
	tests := []struct {
		seed, text, actor, resolution string
	}{
		{"000", "the former president", "donald-trump", "title"},
		{"000", "the Jewish state", "ISR", "alias"},
		{"000", "Tehran", "IRNGOV", "metonym"},
		{"000", "Sullivan", "jake-sullivan", "surname"},
		{"002", "the press secretary", "karoline-leavitt", "title"},
		{"004", "Gallant", "yoav-gallant", "surname"},
		{"004", "Pentagon", "USAMIL", "metonym"},
	}
	for _, tt := range tests {
		m := mention(arts[tt.seed], tt.text)
		if m == nil || m.ActorID != tt.actor || m.Resolution != tt.resolution {
			t.Errorf("%s %q: %+v, want %s by %s", tt.seed, tt.text, m, tt.actor, tt.resolution)
		}
	}
	// "he added" after the former president's quote is Trump
	a := arts["000"]
	k := strings.Index(a.Text, "he added")
	found := false
	for _, m := range a.Mentions {
		if m.Start == k {
			found = true
			if m.ActorID != "donald-trump" || m.Resolution != "pronoun" {
				t.Errorf("he added: %+v", m)
			}
		}
	}
	if !found {
		t.Error("'he added' not resolved")
	}
	// "President Trump" in 003 is the current president
	a = arts["003"]
	ok := false
	for _, m := range a.Mentions {
		if m.ActorID == "donald-trump" && m.Role == "President" {
			ok = true
		}
	}
	tr := actorByID(a, "donald-trump")
	if !ok || tr == nil || tr.Code != "USAGOV" {
		t.Errorf("003 President Trump: actor %+v", tr)
	}
}
