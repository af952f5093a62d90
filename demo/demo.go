package demo

import (
	"bytes"
	_ "embed"

	"github.com/sitrep/sitrep"
)

//go:embed corpus.jsonl
var corpus []byte

// Corpus returns the demo corpus as JSON Lines in the ingest record format. The caller must not
// modify the returned slice.
func Corpus() []byte { return corpus }

// Len returns the number of articles in the demo corpus.
func Len() int { return bytes.Count(corpus, []byte("\n")) }

// Profiles returns the tracking profiles the demo creates before loading the corpus, so that
// alerts fire while it is ingested: one following the Norway–Iceland thread by actors and one by
// a full-text query.
func Profiles() []*sitrep.Profile {
	return []*sitrep.Profile{
		{Name: "Demo: Norway and Iceland", Actors: []string{"NOR", "ISL"}},
		{Name: "Demo: mackerel", Query: "mackerel"},
	}
}
