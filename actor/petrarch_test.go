package actor_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/text"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParsePETRARCH(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		src := `# a comment line
<!-- a block
comment -->
GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
UNITED_NATIONS  [UNO]
+U.N. #JW   9/12/91
SOME_MINISTER_	[USAGOV 010120-050120] [IGOUNOKID >050501]# later at the UN
NOBODY_ [---]
`
		es, err := actor.ParsePETRARCH(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(es), 4; got != want {
			t.Fatalf("entries=%d, want %d", got, want)
		}
		g := es[0]
		if g.Name != "Gollum" || len(g.Aliases) != 1 || g.Aliases[0] != "Smeagol" {
			t.Fatalf("gollum=%+v", g)
		}
		if got, want := len(g.Roles), 3; got != want {
			t.Fatalf("roles=%d, want %d", got, want)
		}
		if !g.Roles[0].End.Equal(date("1995-06-01")) || !g.Roles[1].Start.Equal(date("1995-06-01")) || !g.Roles[1].End.Equal(date("1999-08-15")) || !g.Roles[2].Start.Equal(date("1999-08-16")) {
			t.Fatalf("roles=%+v", g.Roles)
		}
		if g.Type != "person" {
			t.Fatalf("type=%q, want person", g.Type)
		}
		un := es[1]
		if un.Code != "UNO" || un.Aliases[0] != "U.N." {
			t.Fatalf("un=%+v", un)
		}
		m := es[2]
		if len(m.Roles) != 2 || m.Roles[0].Code != "USAGOV" || !m.Roles[0].Start.Equal(date("2001-01-20")) || !m.Roles[1].Start.Equal(date("2005-05-01")) {
			t.Fatalf("minister=%+v", m.Roles)
		}
		if es[3].Code != "" {
			t.Fatalf("null code kept: %q", es[3].Code)
		}
	})
	t.Run("BadDateSkipped", func(t *testing.T) {
		es, err := actor.ParsePETRARCH(strings.NewReader("X_ [ABCGOV 9008223-911221] [ABC]\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || len(es[0].Roles) != 0 || es[0].Code != "ABC" {
			t.Fatalf("entries=%+v", es)
		}
	})
}

func TestParsePETRARCHValidate(t *testing.T) {
	p := seedtest.Shared(t, "data", "petrarch-unittest", "PETR.Validate.actors.txt")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, err := actor.ParsePETRARCH(f)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*actor.Entry{}
	for i := range es {
		byName[es[i].Name] = &es[i]
	}
	if e := byName["Gondor"]; e == nil || e.Code != "GON" || len(e.Aliases) < 2 {
		t.Fatalf("Gondor=%+v", e)
	}
	g := byName["Gollum"]
	if g == nil || len(g.Roles) != 3 || g.Roles[2].Code != "HOBREB" {
		t.Fatalf("Gollum=%+v", g)
	}
	kb := actor.MustLoadKB()
	added, merged := kb.Merge(es, true)
	if added == 0 {
		t.Fatalf("added=%d merged=%d", added, merged)
	}
	if ms := kb.Find("Minas Tirith", time.Time{}); len(ms) == 0 || ms[0].Entry.Code != "GON" {
		t.Fatalf("Find(Minas Tirith)=%v", ms)
	}
}

func TestParsePETRARCHPhoenix(t *testing.T) {
	dir := seedtest.Shared(t, "data", "cameo", "petrarch2-dictionaries")
	paths, _ := filepath.Glob(filepath.Join(dir, "Phoenix.*.actors.txt"))
	if len(paths) == 0 {
		t.Skip("no Phoenix actor files")
	}
	kb := actor.MustLoadKB()
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		es, err := actor.ParsePETRARCH(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		total += len(es)
		kb.Merge(es, true)
	}
	if total < 10000 {
		t.Fatalf("entries=%d, want > 10000", total)
	}
	// ours win: Netanyahu keeps our dated roles and is prime minister in 2024
	ms := kb.Find("Benjamin Netanyahu", date("2024-10-11"))
	if len(ms) == 0 || ms[0].Entry.Source != "sitrep" || ms[0].Code != "ISRGOV" {
		t.Fatalf("Find(Netanyahu)=%v", ms)
	}
	// their aliases were added to our entry
	if ms := kb.Find("Bibi Netanyahu", time.Time{}); len(ms) == 0 || ms[0].Entry.ID != "benjamin-netanyahu" {
		t.Fatalf("Find(Bibi Netanyahu)=%v", ms)
	}
	// their dated codes work for people we do not have
	ms = kb.Find("Ehud Barak", date("2000-01-01"))
	if len(ms) == 0 {
		t.Fatal("Ehud Barak not imported")
	}
	t.Logf("imported %d entries; KB now %d", total, kb.Len())
	// the merged KB tags as well as ours: imported spellings do not shadow our names, titles,
	// capitals or surnames
	txt := "US Secretary of Defense Lloyd Austin said Thursday that Austin and Gallant spoke, and Tehran warned Washington."
	a := &sitrep.Article{Text: txt}
	d := date("2024-10-11")
	a.Published = &d
	if err := actor.NewTagger(kb, actor.DefaultOptions()).Process(context.Background(), a, text.Parse(txt)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Lloyd Austin": "lloyd-austin", "Austin": "lloyd-austin", "Gallant": "yoav-gallant", "Tehran": "IRNGOV"}
	for _, m := range a.Mentions {
		if w, ok := want[m.Text]; ok {
			if m.ActorID != w {
				t.Errorf("%q -> %s, want %s", m.Text, m.ActorID, w)
			}
			delete(want, m.Text)
		}
		if m.Text == "Lloyd Austin" && m.Role != "US Secretary of Defense" {
			t.Errorf("role=%q", m.Role)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v", want)
	}
}
