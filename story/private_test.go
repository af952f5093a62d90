package story_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/story"
)

// TestPrivateIndividual checks Options.PrivateTauDays through the real analysis stages: reports
// that centre on one private individual (a suspect the knowledge base does not know, named twice
// and in the lead, with no office) stay one story across a year — the shooting and the verdict —
// and the join says why, while a like report in between with another suspect stays apart.
func TestPrivateIndividual(t *testing.T) {
	p := analysisPipeline(t)
	day := func(d int) time.Time { return time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	mk := func(id string, d int, text string) *sitrep.Article {
		pub := day(d)
		a := &sitrep.Article{ID: id, Raw: text, RawFormat: "text", Published: &pub}
		if err := p.Analyze(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	shooting := []*sitrep.Article{
		mk("shot1", 0, "Gunman kills two at Dayton warehouse\n"+
			"Police in Dayton, Ohio, arrested Daniel Whitcombe on Monday after a shooting at a parcel warehouse left two workers dead and three wounded.\n"+
			"Whitcombe, 34, had been dismissed from the warehouse a week earlier, police said.\n"+
			"Witnesses said the gunman walked through the loading bay firing a handgun before security guards held him until officers arrived.\n"+
			"The warehouse was closed on Tuesday and workers were offered counselling."),
		mk("shot2", 1, "Dayton warehouse shooting suspect appears in court\n"+
			"Daniel Whitcombe, accused of killing two workers at a Dayton parcel warehouse, appeared in court on Tuesday and was held without bail.\n"+
			"Prosecutors said Whitcombe bought the handgun two days before the shooting.\n"+
			"Relatives of the victims filled the courtroom, and the warehouse said it would review its security."),
	}
	verdict := mk("verdict", 400, "Jury convicts Dayton warehouse gunman\n"+
		"A jury in Dayton found Daniel Whitcombe guilty on Thursday of murdering two workers in last year's shooting at a parcel warehouse.\n"+
		"Whitcombe showed no reaction as the verdict was read, and sentencing was set for next month.\n"+
		"Prosecutors told jurors he had planned the shooting after losing his job at the warehouse, and relatives of the victims wept in court.")
	// Another shooting at a warehouse half a year later, with a different suspect: it shares the
	// words and the city, not the individual, and falls between the shooting and the verdict,
	// where the story's span (not its members) would put it 0 days away.
	other := mk("other", 200, "Gunman wounds three at Dayton distribution warehouse\n"+
		"Police in Dayton arrested Michael Beaumont on Thursday after a shooting at a distribution warehouse wounded three workers.\n"+
		"Beaumont, 29, a former employee, was held by security guards until officers arrived, police said.\n"+
		"The warehouse was closed and workers were offered counselling.")

	c := story.New(nil, story.DefaultOptions())
	for _, a := range append(shooting, verdict, other) {
		if _, err := c.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if c.StoryOf("shot1") != c.StoryOf("shot2") {
		t.Fatal("the two reports of the shooting are apart")
	}
	if c.StoryOf("verdict") != c.StoryOf("shot1") {
		t.Errorf("the verdict 400 days later did not join the shooting's story")
	}
	if c.StoryOf("other") == c.StoryOf("shot1") {
		t.Errorf("another warehouse shooting with another suspect joined the story")
	}
	// The decision names the individual.
	c2 := story.New(nil, story.DefaultOptions())
	for _, a := range shooting {
		if _, err := c2.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	asg, err := c2.Add(context.Background(), verdict)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(asg.Reason, "both centred on daniel whitcombe") {
		t.Errorf("reason %q does not name the individual", asg.Reason)
	}
	t.Logf("verdict: %s", asg.Reason)

	// Without the rule the verdict is a story of its own: the year apart decides.
	off := story.DefaultOptions()
	off.PrivateTauDays = 0
	c3 := story.New(nil, off)
	for _, a := range append(shooting, verdict) {
		if _, err := c3.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if c3.StoryOf("verdict") == c3.StoryOf("shot1") {
		t.Errorf("with PrivateTauDays 0 the verdict still joined: the test does not exercise the rule")
	}
}
