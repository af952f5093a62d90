package main

import (
	"context"
	"errors"
)

// runTrack, runAlerts and runWatch are replaced by the tracking wiring (issue: tracking and alerts).
func (m *Main) runTrack(ctx context.Context, args []string) error {
	return errors.New("track: not built yet")
}

func (m *Main) runAlerts(ctx context.Context, args []string) error {
	return errors.New("alerts: not built yet")
}

func (m *Main) runWatch(ctx context.Context, args []string) error {
	return errors.New("watch: not built yet")
}
