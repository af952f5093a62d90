package main

import (
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/pipeline"
)

// newPipeline wires the cleaner and the analysis stages in their order.
func (m *Main) newPipeline() *pipeline.Pipeline {
	return &pipeline.Pipeline{
		Cleaner: clean.New(clean.DefaultOptions()),
		Logger:  m.logger(),
	}
}
