package story_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/seedtest"
	"github.com/sitrep/sitrep/story"
)

// seedArticles returns the seeds with their publication dates. The raw text (mostly body, with
// some page debris) is used as the text, so the test does not depend on the cleaner.
func seedArticles(t testing.TB) []*sitrep.Article {
	t.Helper()
	var out []*sitrep.Article
	for _, s := range seedtest.Seeds(t) {
		pub := s.Published
		out = append(out, &sitrep.Article{ID: s.Name[:3], Raw: s.Raw, RawFormat: "text", Text: s.Raw, Published: &pub})
	}
	return out
}

// grouping renders the story and storyline partition of ids, independent of the ids allocated.
func grouping(c *story.Clusterer, ids []string) (stories, lines string) {
	byStory := map[int64][]string{}
	byLine := map[int64][]string{}
	for _, id := range ids {
		sid := c.StoryOf(id)
		byStory[sid] = append(byStory[sid], id)
	}
	for _, s := range c.Stories() {
		byLine[s.StorylineID] = append(byLine[s.StorylineID], s.ArticleIDs...)
	}
	render := func(m map[int64][]string) string {
		var parts []string
		for _, g := range m {
			sort.Strings(g)
			parts = append(parts, strings.Join(g, "+"))
		}
		sort.Strings(parts)
		return strings.Join(parts, " ")
	}
	return render(byStory), render(byLine)
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestSeeds checks the grouping of the five seeds: 000 and 004 (Oct 2024, the planned
// retaliation) are one story; 001 (Apr 2024), 002 (Jan 2026) and 003 (Feb 2026) one each; all
// five are one storyline. Every one of the 120 arrival orders must give the same grouping.
func TestSeeds(t *testing.T) {
	arts := seedArticles(t)
	ids := []string{"000", "001", "002", "003", "004"}
	const wantStories = "000+004 001 002 003"
	const wantLines = "000+001+002+003+004"
	for _, perm := range permutations(len(arts)) {
		c := story.New(nil, story.DefaultOptions())
		var order []string
		for _, i := range perm {
			a := *arts[i]
			if _, err := c.Add(context.Background(), &a); err != nil {
				t.Fatal(err)
			}
			order = append(order, a.ID)
		}
		stories, lines := grouping(c, ids)
		if stories != wantStories {
			t.Fatalf("order %v: stories %q, want %q", order, stories, wantStories)
		}
		if lines != wantLines {
			t.Fatalf("order %v: storylines %q, want %q", order, lines, wantLines)
		}
	}
}

// TestSeedsExplained checks that storyline links carry reasons naming what the stories share.
func TestSeedsExplained(t *testing.T) {
	arts := seedArticles(t)
	c := story.New(nil, story.DefaultOptions())
	for _, a := range arts {
		if _, err := c.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	lines := c.Storylines()
	if got, want := len(lines), 1; got != want {
		t.Fatalf("storylines=%d, want %d", got, want)
	}
	l := lines[0]
	if got, want := len(l.StoryIDs), 4; got != want {
		t.Fatalf("stories in storyline=%d, want %d", got, want)
	}
	linked := 0
	for _, k := range l.Links {
		if strings.HasPrefix(k.Reason, "opened") {
			continue
		}
		linked++
		if !strings.Contains(k.Reason, "days apart") || !strings.Contains(k.Reason, "iran") {
			t.Errorf("link of story %d lacks shared names or distance: %q", k.StoryID, k.Reason)
		}
	}
	if got, want := linked, 3; got != want {
		t.Fatalf("explained links=%d, want %d", got, want)
	}
	// Stories are ordered by date in the storyline: Apr 2024 first, Feb 2026 last.
	first, _ := c.Story(l.StoryIDs[0])
	last, _ := c.Story(l.StoryIDs[len(l.StoryIDs)-1])
	if got, want := first.FirstSeen.Format("2006-01"), "2024-04"; got != want {
		t.Fatalf("first story month=%s, want %s", got, want)
	}
	if got, want := last.FirstSeen.Format("2006-01"), "2026-02"; got != want {
		t.Fatalf("last story month=%s, want %s", got, want)
	}
	for _, id := range l.StoryIDs {
		s, _ := c.Story(id)
		if s.Title == "" || s.Summary == "" {
			t.Errorf("story %d lacks title or summary: %+v", id, s)
		}
	}
	_ = fmt.Sprint
	_ = time.Now
}
