package story_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/sitrep/sitrep/story"
)

func TestDebugSeeds(t *testing.T) {
	if os.Getenv("DEBUGSEEDS") == "" {
		t.Skip()
	}
	arts := seedArticles(t)
	c := story.New(nil, story.DefaultOptions())
	for _, i := range []int{1, 0, 3, 4, 2} {
		a := arts[i]
		asg, _ := c.Add(context.Background(), a)
		fmt.Printf("%s -> %d line %d: %s\n", a.ID, asg.StoryID, asg.StorylineID, asg.Reason)
	}
	for _, l := range c.Storylines() {
		fmt.Printf("%+v\n", l)
	}
}
