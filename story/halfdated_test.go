package story_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/story"
)

// TestHalfDatedReason checks that an undated report scored against a dated story is discounted
// by the one-sided date factor, and that the decision says so.
func TestHalfDatedReason(t *testing.T) {
	day := time.Date(2011, 11, 11, 0, 0, 0, 0, time.UTC)
	text := "The ferry Aurelia ran aground near the harbour of Portwick on Friday with 212 passengers on board. The coastguard said no one was hurt and tugs were sent to free the ship at high tide."
	c := story.New(nil, story.DefaultOptions())
	for i := 0; i < 2; i++ {
		if _, err := c.Add(context.Background(), &sitrep.Article{ID: fmt.Sprint("d", i), Text: text, Published: &day}); err != nil {
			t.Fatal(err)
		}
	}
	asg, err := c.Add(context.Background(), &sitrep.Article{ID: "u", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(asg.Reason, "only one side dated (time factor 0.60)") || asg.Score > 0.61 || asg.Score < 0.5 {
		t.Errorf("score %.2f, reason %q", asg.Score, asg.Reason)
	}
}

// TestDatedAndUndatedHappenings feeds reports of two ferry groundings that share most words: one
// set dated (November 2011, Aurelia, Portwick), the other without any date (Brisa, Lanmouth). In
// every order tried, the dated and the undated reports must form two separate stories.
func TestDatedAndUndatedHappenings(t *testing.T) {
	day := time.Date(2011, 11, 11, 0, 0, 0, 0, time.UTC)
	dated := []string{
		"The ferry Aurelia ran aground near the harbour of Portwick on Friday with 212 passengers on board. The coastguard said no one was hurt and tugs were sent to free the ship at high tide.",
		"Passengers of the ferry Aurelia were taken ashore at Portwick after the ship ran aground in fog. The coastguard opened an inquiry into the grounding and the captain was questioned.",
		"A coastguard spokesman said the Aurelia grounded on a sandbank outside Portwick harbour. The ferry operator apologised to passengers and said the ship would be inspected for damage.",
		"Tugs refloated the ferry Aurelia at Portwick on Saturday, a day after it ran aground with passengers on board. Divers found a dent in the hull, the operator said.",
	}
	undated := []string{
		"The ferry Brisa ran aground off Lanmouth with 95 passengers on board, the coastguard said. Nobody was injured and a lifeboat stood by while the tide rose.",
		"Passengers of the Brisa spent the night on board after the ferry grounded near Lanmouth harbour. The coastguard said the ship was stable and tugs would try to free it.",
		"The operator of the ferry Brisa said a steering failure caused the grounding near Lanmouth. The coastguard inspected the ship and passengers were taken ashore by lifeboat.",
		"Tugs freed the ferry Brisa from a rock ledge near Lanmouth, the coastguard said. The ship sailed to port under its own power and passengers were offered refunds.",
	}
	var arts []*sitrep.Article
	for i, s := range dated {
		d := day.Add(time.Duration(i/2) * 24 * time.Hour)
		arts = append(arts, &sitrep.Article{ID: fmt.Sprintf("a%d", i), Text: s, Published: &d})
	}
	for i, s := range undated {
		arts = append(arts, &sitrep.Article{ID: fmt.Sprintf("b%d", i), Text: s})
	}
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 30; trial++ {
		order := rng.Perm(len(arts))
		c := story.New(nil, story.DefaultOptions())
		for _, i := range order {
			a := *arts[i]
			if _, err := c.Add(context.Background(), &a); err != nil {
				t.Fatal(err)
			}
		}
		sa, sb := c.StoryOf("a0"), c.StoryOf("b0")
		for _, a := range arts {
			want := sa
			if a.ID[0] == 'b' {
				want = sb
			}
			if got := c.StoryOf(a.ID); got != want || sa == sb {
				t.Fatalf("order %v: %s in story %d (a0 in %d, b0 in %d)", order, a.ID, got, sa, sb)
			}
		}
	}
}
