package story_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/story"
)

// fill sets every field reachable in v to a non-zero value derived from tag, so that a field the
// binary features layout forgets shows up as a difference after a round trip.
func fill(v reflect.Value, tag string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(tag)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(len(tag)*7 + 3))
	case reflect.Float64, reflect.Float32:
		v.SetFloat(float64(len(tag)) / 4)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), fmt.Sprintf("%s[%d]", tag, i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), tag+"."+v.Type().Field(i).Name)
			}
		}
	}
}

// TestBinaryFeatures checks that the binary features layout keeps every feature, the dates and
// every field of every event (a field added to sitrep.Event without the layout knowing fails
// here), and that the JSON encoding older versions wrote is still read.
func TestBinaryFeatures(t *testing.T) {
	a := clone(reports[0])
	for i := 0; i < 3; i++ {
		var e sitrep.Event
		fill(reflect.ValueOf(&e).Elem(), fmt.Sprintf("ev%d", i))
		e.Mode = sitrep.ModeAsserted
		a.Events = append(a.Events, e)
	}
	c := story.New(nil, story.DefaultOptions())
	if _, err := c.Add(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	before, after, evBefore, evAfter, err := c.RoundTrip(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Terms) == 0 || len(before.Entities) == 0 || before.Lo.IsZero() {
		t.Fatalf("test article has too few features: %+v", before)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("features changed in the round trip:\nbefore %+v\nafter  %+v", before, after)
	}
	if len(evBefore) != 3 || !reflect.DeepEqual(evBefore, evAfter) {
		t.Errorf("events changed in the round trip:\nbefore %+v\nafter  %+v", evBefore, evAfter)
	}
	if err := story.DecodeBlob(c.LegacyBlob(a.ID)); err != nil {
		t.Errorf("legacy JSON encoding: %v", err)
	}
	blob := c.Blob(a.ID)
	for _, n := range []int{1, 2, len(blob) / 2, len(blob) - 1} {
		if err := story.DecodeBlob(blob[:n]); err == nil {
			t.Errorf("a blob cut at %d of %d bytes decoded without error", n, len(blob))
		}
	}
}

// FuzzDecodeBlob checks that no stored features encoding, however damaged, makes the decoder
// panic or allocate without bound.
func FuzzDecodeBlob(f *testing.F) {
	c := story.New(nil, story.DefaultOptions())
	for _, r := range reports {
		if _, err := c.Add(context.Background(), clone(r)); err != nil {
			f.Fatal(err)
		}
		f.Add(c.Blob(r.ID))
		f.Add(c.LegacyBlob(r.ID))
	}
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = story.DecodeBlob(b)
	})
}

// TestCopyCap checks that a story fed thousands of copies of one report stops changing its
// sums and postings after the cap, keeps every copy as a member, still takes a genuinely new
// report on the same happening, and that a user can move a copy out and back.
func TestCopyCap(t *testing.T) {
	ctx := context.Background()
	c := story.New(nil, story.DefaultOptions())
	origin := clone(reports[0])
	if _, err := c.Add(ctx, origin); err != nil {
		t.Fatal(err)
	}
	const n = 2000
	work0, _ := c.Work()
	var at100 map[string]float32
	var idx100 int
	for i := 1; i <= n; i++ {
		cp := clone(reports[0])
		cp.ID = fmt.Sprintf("copy%d", i)
		cp.Outlet = fmt.Sprintf("Outlet %d", i%40)
		cp.Text += fmt.Sprintf("\nThis report was republished by outlet %d.", i%40)
		cp.DuplicateOf, cp.Similarity = origin.ID, 0.95
		asg, err := c.Add(ctx, cp)
		if err != nil {
			t.Fatal(err)
		}
		if asg.StoryID != c.StoryOf(origin.ID) {
			t.Fatalf("copy %d in story %d, want the origin's %d", i, asg.StoryID, c.StoryOf(origin.ID))
		}
		if i == 100 {
			_, at100, idx100 = c.StoryState(origin.ID)
		}
	}
	members, terms, indexed := c.StoryState(origin.ID)
	if members != n+1 {
		t.Fatalf("story has %d members, want %d", members, n+1)
	}
	if !reflect.DeepEqual(terms, at100) || indexed != idx100 {
		t.Errorf("story sums or postings changed after the copy cap: %d indexed features at 100 copies, %d at %d", idx100, indexed, n)
	}
	if pr, _ := c.Work(); pr != work0 {
		t.Errorf("copies read %d postings; a copy joins its origin's story directly", pr-work0)
	}
	// A second outlet's own report of the same happening still joins.
	if asg, err := c.Add(ctx, clone(reports[1])); err != nil || asg.StoryID != c.StoryOf(origin.ID) {
		t.Fatalf("own report: %+v, %v; want story %d", asg, err, c.StoryOf(origin.ID))
	}
	// Moving a copy that is not in the sums out and back leaves the sums alone.
	_, before, _ := c.StoryState(origin.ID)
	other := clone(reports[2])
	if _, err := c.Add(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(ctx, "copy1999", c.StoryOf(other.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(ctx, "copy1999", c.StoryOf(origin.ID)); err != nil {
		t.Fatal(err)
	}
	_, after, _ := c.StoryState(origin.ID)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("moving an uncounted copy out and back changed the sums")
	}
	for k, w := range after {
		if w <= 0 {
			t.Errorf("term %q has weight %v after moves", k, w)
		}
	}
}

// TestAddFeaturesWork checks that the retrieval work per article stays bounded as the number
// of held articles grows tenfold (candidate retrieval is sub-linear by construction: a bounded
// scan of each posting list).
func TestAddFeaturesWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 21,000 articles")
	}
	ctx := context.Background()
	c := story.New(nil, story.DefaultOptions())
	src := newFeatSynth(2)
	per := func(n int) float64 {
		p0, _ := c.Work()
		for i := 0; i < n; i++ {
			id, pub, f := src.next()
			if _, err := c.AddFeatures(ctx, id, "", pub, f); err != nil {
				t.Fatal(err)
			}
		}
		p1, _ := c.Work()
		return float64(p1-p0) / float64(n)
	}
	per(2000)
	small := per(1000)
	per(17000)
	large := per(1000)
	t.Logf("postings read per article: %.0f at 3,000 held, %.0f at 21,000 held", small, large)
	if large > 2*small+500 {
		t.Errorf("retrieval work grew from %.0f to %.0f postings per article with 10x the articles", small, large)
	}
}

// memStore is a ClusterStore in memory (it does not implement ClusterStreamer, so Open takes the
// LoadClusterState path).
type memStore struct {
	arts    map[string]sitrep.ClusterArticle
	stories map[int64]*sitrep.Story
	lines   map[int64]*sitrep.Storyline
	next    [2]int64
}

func (m *memStore) LoadClusterState(ctx context.Context) (*sitrep.ClusterState, error) {
	st := &sitrep.ClusterState{NextStoryID: m.next[0], NextStorylineID: m.next[1]}
	for _, a := range m.arts {
		st.Articles = append(st.Articles, a)
	}
	for _, s := range m.stories {
		st.Stories = append(st.Stories, s)
	}
	for _, l := range m.lines {
		st.Storylines = append(st.Storylines, l)
	}
	return st, nil
}

func (m *memStore) SaveClusterChanges(ctx context.Context, ch *sitrep.ClusterChanges) error {
	for _, a := range ch.Articles {
		m.arts[a.ArticleID] = a
	}
	for _, s := range ch.Stories {
		m.stories[s.ID] = s
	}
	for _, id := range ch.DeletedStories {
		delete(m.stories, id)
	}
	for _, l := range ch.Storylines {
		m.lines[l.ID] = l
	}
	for _, id := range ch.DeletedStorylines {
		delete(m.lines, id)
	}
	m.next = [2]int64{max(m.next[0], ch.NextStoryID), max(m.next[1], ch.NextStorylineID)}
	return nil
}

// TestReopenLegacy checks that a store holding an encoding of earlier versions — the JSON
// features, or the first binary layout without private individuals — reopens with the same
// grouping and is rewritten in the current binary layout at the next Flush, after which it
// reopens the same again.
func TestReopenLegacy(t *testing.T) {
	for _, legacy := range []string{"json", "v1"} {
		t.Run(legacy, func(t *testing.T) {
			ctx := context.Background()
			m := &memStore{arts: map[string]sitrep.ClusterArticle{}, stories: map[int64]*sitrep.Story{}, lines: map[int64]*sitrep.Storyline{}}
			c := story.New(m, story.DefaultOptions())
			addAll(t, c, reports)
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			want := map[string]int64{}
			for _, r := range reports {
				want[r.ID] = c.StoryOf(r.ID)
				a := m.arts[r.ID]
				if a.Features[0] != 2 {
					t.Fatalf("%s: features not in the binary layout (version 2)", r.ID)
				}
				if legacy == "json" {
					a.Features = c.LegacyBlob(r.ID)
				} else {
					a.Features = c.V1Blob(r.ID)
				}
				m.arts[r.ID] = a
			}
			for round := 0; round < 2; round++ {
				re := story.New(m, story.DefaultOptions())
				if err := re.Open(ctx); err != nil {
					t.Fatal(err)
				}
				for id, s := range want {
					if got := re.StoryOf(id); got != s {
						t.Errorf("round %d: %s in story %d, want %d", round, id, got, s)
					}
				}
				if err := re.Flush(ctx); err != nil {
					t.Fatal(err)
				}
				for id, a := range m.arts {
					if legacy == "json" && a.Features[0] != 2 {
						t.Errorf("round %d: %s still in the JSON encoding after Flush", round, id)
					}
				}
			}
		})
	}
}
