package main

import (
	"context"
	"errors"
)

// runServe is replaced by the HTTP server wiring (issue: sitrep serve).
func (m *Main) runServe(ctx context.Context, args []string) error {
	return errors.New("serve: not built yet")
}
