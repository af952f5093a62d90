package sitrep

import (
	"context"
	"time"
)

// ProfileService manages tracking profiles. Methods return ENOTFOUND if the profile does not
// exist and EINVALID if it fails Validate.
type ProfileService interface {
	FindProfileByID(ctx context.Context, id int64) (*Profile, error)
	FindProfiles(ctx context.Context, filter ProfileFilter) ([]*Profile, int, error)
	// CreateProfile stores a new profile and sets its ID and CreatedAt.
	CreateProfile(ctx context.Context, p *Profile) error
	UpdateProfile(ctx context.Context, id int64, upd ProfileUpdate) (*Profile, error)
	// DeleteProfile removes a profile and its alerts.
	DeleteProfile(ctx context.Context, id int64) error
}

// ProfileFilter selects profiles. Zero fields do not filter.
type ProfileFilter struct {
	ID     *int64
	Name   *string
	Offset int
	Limit  int
}

// ProfileUpdate lists the profile fields to change; nil fields are left as they are.
type ProfileUpdate struct {
	Name    *string   `json:"name"`
	Actors  *[]string `json:"actors"`
	Events  *[]string `json:"events"`
	Query   *string   `json:"query"`
	Webhook *string   `json:"webhook"`
}

// AlertService records and lists alerts. CreateAlert stores an alert unless its profile already
// has one with the same Key, and reports whether it was stored; the same development therefore
// never alerts twice. It sets ID and CreatedAt of a stored alert and returns ENOTFOUND when the
// profile does not exist.
type AlertService interface {
	CreateAlert(ctx context.Context, a *Alert) (created bool, err error)
	FindAlerts(ctx context.Context, filter AlertFilter) ([]*Alert, int, error)
}

// AlertFilter selects alerts, newest first. Zero fields do not filter.
type AlertFilter struct {
	ProfileID *int64
	Kind      *string
	// Since keeps alerts created at or after this time.
	Since  *time.Time
	Offset int
	Limit  int
}

// Validate returns an error if the alert cannot be stored.
func (a *Alert) Validate() error {
	if a.ProfileID == 0 {
		return Errorf(EINVALID, "Alert profile required.")
	}
	if a.Kind == "" {
		return Errorf(EINVALID, "Alert kind required.")
	}
	if a.Key == "" {
		return Errorf(EINVALID, "Alert key required.")
	}
	return nil
}

// TrackStateStore persists the tracker's memory of each storyline (stories, actors and event
// types seen, the daily escalation series and the profiles that follow it) between runs. States
// are opaque encodings owned by package track.
type TrackStateStore interface {
	// LoadTrackState returns the stored states of the given storylines; missing ones are absent.
	LoadTrackState(ctx context.Context, storylineIDs []int64) (map[int64][]byte, error)
	// SaveTrackState stores (replacing) the given states in one transaction.
	SaveTrackState(ctx context.Context, states map[int64][]byte) error
}
