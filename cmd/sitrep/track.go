package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/claim"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/sqlite"
	"github.com/sitrep/sitrep/track"
)

// newTracker returns the tracker ingest runs after each committed batch (once clustering has set
// the story ids): profiles and alerts in db, storyline memory persisted in db, claims matched
// across articles into db (candidate claims are searched in memory: see claim.CachedStore).
// notify may be nil (no webhook delivery at ingest time).
func newTracker(ctx context.Context, db *sqlite.DB, logger *slog.Logger, notify track.Notifier) (*track.Tracker, error) {
	opts := track.DefaultOptions()
	opts.Logger = logger
	t := track.New(sqlite.NewProfileService(db), sqlite.NewAlertService(db), opts)
	t.State = sqlite.NewTrackStateStore(db)
	copts := claim.DefaultOptions()
	copts.Logger = logger
	claims := sqlite.NewClaimService(db)
	cached, err := claim.NewCachedStore(ctx, claims, claims)
	if err != nil {
		return nil, err
	}
	t.Claims = claim.New(cached, copts)
	if notify != nil {
		t.Notify = notify
	}
	return t, nil
}

// webhookSecret returns the secret webhooks are signed with: the flag, else SITREP_WEBHOOK_SECRET.
func webhookSecret(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv("SITREP_WEBHOOK_SECRET")
}

func (m *Main) runTrack(ctx context.Context, args []string) error {
	usage := func() error {
		fmt.Fprintln(m.Stderr, `usage: sitrep track add --name NAME [--actors ISR,IRN] [--events ASSAULT,19] [--query "words"] [--webhook URL]
       sitrep track list [--json]
       sitrep track rm ID`)
		return &exitError{code: 2, err: errSilent}
	}
	if len(args) == 0 {
		return usage()
	}
	switch args[0] {
	case "add":
		return m.trackAdd(ctx, args[1:])
	case "list", "ls":
		return m.trackList(ctx, args[1:])
	case "rm", "remove", "delete":
		return m.trackRemove(ctx, args[1:])
	case "-h", "--help", "help":
		usage()
		return nil
	}
	return usage()
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (m *Main) trackAdd(ctx context.Context, args []string) error {
	fs := m.flagSet("track add", "--name NAME [flags]", `Add a tracking profile. Every ingest is matched against it; alerts fire for a new story in
a storyline it tracks, a new actor or event type entering it, an escalation, and a claim
confirmed, denied or contradicted. An article matches when it satisfies every criterion given:
each actor (a CAMEO code or prefix; alternatives joined by "|", e.g. "IRN|IRQ") occurs, one of
the event types (PLOVER types or CAMEO roots) occurs, and the query matches (words, "phrases",
OR, -excluded, prefix*).`)
	name := fs.String("name", "", "profile name (required)")
	actors := fs.String("actors", "", "comma-separated actor codes or prefixes, all required (ISR,IRN)")
	events := fs.String("events", "", "comma-separated PLOVER types or CAMEO roots, any of them (ASSAULT,19)")
	query := fs.String("query", "", "words the title or text must contain")
	webhook := fs.String("webhook", "", "URL that receives each alert by HTTP POST")
	asJSON := fs.Bool("json", false, "print the stored profile as JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p := &sitrep.Profile{Name: strings.TrimSpace(*name), Actors: splitList(*actors), Events: splitList(*events),
		Query: strings.TrimSpace(*query), Webhook: strings.TrimSpace(*webhook)}
	if p.Webhook != "" {
		if _, err := track.CheckURL(p.Webhook); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	if err := p.Validate(); err != nil {
		return &exitError{code: 2, err: fmt.Errorf("%s", sitrep.ErrorMessage(err))}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := sqlite.NewProfileService(st.db).CreateProfile(ctx, p); err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(p)
	}
	fmt.Fprintf(m.Stdout, "profile %d %q added\n", p.ID, p.Name)
	return nil
}

func (m *Main) trackList(ctx context.Context, args []string) error {
	fs := m.flagSet("track list", "[flags]", "List tracking profiles with the number of alerts each has fired.")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	list, _, err := sqlite.NewProfileService(st.db).FindProfiles(ctx, sitrep.ProfileFilter{})
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(list)
	}
	alerts := sqlite.NewAlertService(st.db)
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tACTORS\tEVENTS\tQUERY\tWEBHOOK\tALERTS")
	for _, p := range list {
		id := p.ID
		_, n, err := alerts.FindAlerts(ctx, sitrep.AlertFilter{ProfileID: &id, Limit: 1})
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\n", p.ID, p.Name, dash(strings.Join(p.Actors, ",")),
			dash(strings.Join(p.Events, ",")), dash(p.Query), dash(p.Webhook), n)
	}
	return tw.Flush()
}

func (m *Main) trackRemove(ctx context.Context, args []string) error {
	fs := m.flagSet("track rm", "ID", "Remove a tracking profile and its alerts.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("track rm: want exactly one profile id")}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("track rm: bad profile id %q", pos[0])}
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := sqlite.NewProfileService(st.db).DeleteProfile(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "profile %d removed\n", id)
	return nil
}

// profileID resolves --profile: a numeric id or a profile name.
func profileID(ctx context.Context, ps sitrep.ProfileService, s string) (*int64, error) {
	if s == "" {
		return nil, nil
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil {
		return &id, nil
	}
	list, _, err := ps.FindProfiles(ctx, sitrep.ProfileFilter{Name: &s, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &exitError{code: 2, err: fmt.Errorf("no profile named %q", s)}
	}
	return &list[0].ID, nil
}

// parseSince accepts a date or time (as ingest does) or a duration back from now ("24h").
func parseSince(s string, now time.Time) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		t := now.Add(-d)
		return &t, nil
	}
	t, err := ingest.ParseTime(s)
	if err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("--since: %w", err)}
	}
	return &t, nil
}

func (m *Main) runAlerts(ctx context.Context, args []string) error {
	fs := m.flagSet("alerts", "[flags]", "List alerts fired for tracking profiles, newest first.")
	profile := fs.String("profile", "", "only alerts of this profile (id or name)")
	since := fs.String("since", "", "only alerts fired since this date or for this long (24h)")
	kind := fs.String("kind", "", "only alerts of this kind: new_story, new_actor, escalation, new_event_type, claim_status")
	limit := fs.Int("limit", 50, "at most this many alerts (0: all)")
	asJSON := fs.Bool("json", false, "print a JSON object {alerts, total}")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var filter sitrep.AlertFilter
	if filter.ProfileID, err = profileID(ctx, sqlite.NewProfileService(st.db), *profile); err != nil {
		return err
	}
	if filter.Since, err = parseSince(*since, time.Now()); err != nil {
		return err
	}
	if *kind != "" {
		filter.Kind = kind
	}
	filter.Limit = *limit
	list, total, err := sqlite.NewAlertService(st.db).FindAlerts(ctx, filter)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(map[string]any{"alerts": list, "total": total})
	}
	for _, a := range list {
		printAlert(m.Stdout, a)
	}
	fmt.Fprintf(m.Stderr, "%d of %d alerts\n", len(list), total)
	return nil
}

func printAlert(w io.Writer, a *sitrep.Alert) {
	fmt.Fprintf(w, "%s  #%d  profile %d  %-14s %s\n", a.CreatedAt.Local().Format("2006-01-02 15:04:05"), a.ID,
		a.ProfileID, a.Kind, a.Message)
}

func (m *Main) runWatch(ctx context.Context, args []string) error {
	fs := m.flagSet("watch", "[flags]", `Stream alerts to stdout as they fire (another process ingests), until interrupted.
Starts with alerts fired from now on, or since --since. With --deliver, each alert is also posted
to its profile's webhook (signed with --secret or SITREP_WEBHOOK_SECRET).`)
	profile := fs.String("profile", "", "only alerts of this profile (id or name)")
	since := fs.String("since", "", "also print alerts fired since this date or for this long (24h)")
	interval := fs.Duration("interval", time.Second, "how often to poll the database")
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	deliver := fs.Bool("deliver", false, "post each alert to its profile's webhook")
	secret := fs.String("secret", "", "webhook signing secret (default env SITREP_WEBHOOK_SECRET)")
	allowPrivate := fs.Bool("allow-private", false, "allow webhooks to private, loopback and link-local addresses")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *interval < 50*time.Millisecond {
		*interval = 50 * time.Millisecond
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	profiles, alerts := sqlite.NewProfileService(st.db), sqlite.NewAlertService(st.db)
	var filter sitrep.AlertFilter
	if filter.ProfileID, err = profileID(ctx, profiles, *profile); err != nil {
		return err
	}
	from, err := parseSince(*since, time.Now())
	if err != nil {
		return err
	}
	if from == nil {
		now := time.Now()
		from = &now
	}
	var hook *track.Webhook
	if *deliver {
		hook = track.NewWebhook(track.WebhookOptions{Secret: webhookSecret(*secret), AllowPrivate: *allowPrivate,
			MaxAttempts: 5, Logger: m.logger()})
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	seen := map[int64]time.Time{}
	tick := time.NewTicker(*interval)
	defer tick.Stop()
	for {
		f := filter
		f.Since = from
		list, _, err := alerts.FindAlerts(ctx, f)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		for _, a := range list {
			if _, ok := seen[a.ID]; ok {
				continue
			}
			seen[a.ID] = a.CreatedAt
			if a.CreatedAt.After(*from) {
				// Alerts of the same instant may still arrive; keep the window at the last time.
				t := a.CreatedAt
				from = &t
			}
			if *asJSON {
				if err := enc.Encode(a); err != nil {
					return err
				}
			} else {
				printAlert(m.Stdout, a)
			}
			if hook != nil {
				p, err := profiles.FindProfileByID(ctx, a.ProfileID)
				if err == nil && p.Webhook != "" {
					if err := hook.Send(ctx, p, a); err != nil {
						m.logger().Warn("webhook delivery failed", "alert", a.ID, "err", err)
					}
				}
			}
		}
		// Forget alerts older than the window: the next query does not return them.
		for id, at := range seen {
			if at.Before(*from) {
				delete(seen, id)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// printJSON prints v as indented JSON.
func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
