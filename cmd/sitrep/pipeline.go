package main

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep/actor"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/quote"
	"github.com/sitrep/sitrep/timex"
)

// newPipeline wires the cleaner and the analysis stages in their order: timex first (it needs
// only the publication date), then actor (it uses timexes to infer a missing publication date),
// quote (speakers resolve to actors) and event (actors, dates and attributions).
func (m *Main) newPipeline(ctx context.Context) (*pipeline.Pipeline, error) {
	kb, err := m.loadKB(ctx)
	if err != nil {
		return nil, err
	}
	coder, err := event.New(event.DefaultOptions())
	if err != nil {
		return nil, fmt.Errorf("event dictionaries: %w", err)
	}
	log := m.logger()
	return &pipeline.Pipeline{
		Cleaner: clean.New(clean.DefaultOptions()),
		Stages: []pipeline.Stage{
			timex.NewTagger(timex.DefaultOptions()),
			actor.NewTagger(kb, actor.DefaultOptions()),
			quote.New(quote.DefaultOptions(), log),
			coder,
		},
		Logger: log,
	}, nil
}
