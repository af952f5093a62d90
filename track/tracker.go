package track

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

// Options tune the Tracker.
type Options struct {
	// EscalationDrop is how far (in Goldstein points) a day's mean must fall below the baseline —
	// the mean of the preceding BaselineDays days with events — to fire an escalation alert.
	EscalationDrop float64
	// BaselineDays is how many earlier days with events form the baseline.
	BaselineDays int
	// MinDayEvents is the fewest events a day needs before its mean can fire an escalation.
	MinDayEvents int
	// RecentDays limits escalation alerts to days at most this far before the article that
	// brought the events: a 2026 article recalling a 2024 attack does not alert on 2024.
	RecentDays int
	// MaxActorsPerLine and MaxDaysPerLine bound the memory kept per storyline.
	MaxActorsPerLine, MaxDaysPerLine int
	Logger                           *slog.Logger
}

// DefaultOptions returns the options sitrep runs with.
func DefaultOptions() Options {
	return Options{EscalationDrop: 3, BaselineDays: 7, MinDayEvents: 1, RecentDays: 7,
		MaxActorsPerLine: 2000, MaxDaysPerLine: 4000}
}

// ClaimRecorder records the claims of a batch across articles and returns the status changes
// (package claim's Matcher implements it).
type ClaimRecorder interface {
	RecordBatch(ctx context.Context, batch []*sitrep.Article) ([]sitrep.ClaimChange, error)
}

// Notifier delivers a stored alert (a webhook Dispatcher implements it).
type Notifier interface {
	Notify(p *sitrep.Profile, a *sitrep.Alert)
}

// Tracker matches profiles on every committed batch and fires alerts. Set the services, then call
// Observe after each batch once clustering has set StoryID and StorylineID. It is safe for
// concurrent use; calls are serialised.
type Tracker struct {
	Profiles sitrep.ProfileService
	Alerts   sitrep.AlertService
	// State persists the per-storyline memory; nil keeps it in memory only.
	State sitrep.TrackStateStore
	// Claims, when set, records the batch's claims and turns status changes into alerts.
	Claims ClaimRecorder
	// Notify, when set, is given every newly stored alert of a profile with a webhook.
	Notify Notifier

	opts   Options
	logger *slog.Logger
	mu     sync.Mutex
	mem    map[int64]*lineState
}

// New returns a Tracker with opts.
func New(profiles sitrep.ProfileService, alerts sitrep.AlertService, opts Options) *Tracker {
	d := DefaultOptions()
	if opts.EscalationDrop <= 0 {
		opts.EscalationDrop = d.EscalationDrop
	}
	if opts.BaselineDays <= 0 {
		opts.BaselineDays = d.BaselineDays
	}
	if opts.MinDayEvents <= 0 {
		opts.MinDayEvents = d.MinDayEvents
	}
	if opts.RecentDays <= 0 {
		opts.RecentDays = d.RecentDays
	}
	if opts.MaxActorsPerLine <= 0 {
		opts.MaxActorsPerLine = d.MaxActorsPerLine
	}
	if opts.MaxDaysPerLine <= 0 {
		opts.MaxDaysPerLine = d.MaxDaysPerLine
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Tracker{Profiles: profiles, Alerts: alerts, opts: opts, logger: logger.With("component", "track"),
		mem: map[int64]*lineState{}}
}

// lineState is what the tracker remembers of one storyline.
type lineState struct {
	Articles int                 `json:"articles"`
	Stories  map[int64]bool      `json:"stories"`
	Actors   map[string]bool     `json:"actors"`
	Events   map[string]bool     `json:"events"`
	Days     map[string]*dayStat `json:"days"`
	// Profiles lists the profiles tracking the storyline, in the order they started.
	Profiles []int64 `json:"profiles"`
}

// dayStat is one day of the escalation series.
type dayStat struct {
	Sum float64 `json:"sum"`
	Min float64 `json:"min"`
	N   int     `json:"n"`
}

func newLineState() *lineState {
	return &lineState{Stories: map[int64]bool{}, Actors: map[string]bool{}, Events: map[string]bool{},
		Days: map[string]*dayStat{}}
}

func (s *lineState) tracks(id int64) bool {
	for _, p := range s.Profiles {
		if p == id {
			return true
		}
	}
	return false
}

// Observe matches the batch against every profile, updates the storylines' memory and stores the
// alerts that fire. It returns the alerts newly stored (an alert already stored for the same
// profile and key is not returned again).
func (t *Tracker) Observe(ctx context.Context, batch []*sitrep.Article) ([]*sitrep.Alert, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	profiles, _, err := t.Profiles.FindProfiles(ctx, sitrep.ProfileFilter{})
	if err != nil {
		return nil, fmt.Errorf("track: profiles: %w", err)
	}
	var changes []sitrep.ClaimChange
	if t.Claims != nil {
		if changes, err = t.Claims.RecordBatch(ctx, batch); err != nil {
			return nil, fmt.Errorf("track: claims: %w", err)
		}
	}
	// The storylines' memory is kept up to date even with no profile, so that a profile added
	// later is not told about actors or event types the storyline had long before.
	byID := make(map[int64]*sitrep.Profile, len(profiles))
	matchers := make([]*matcher, len(profiles))
	for i, p := range profiles {
		byID[p.ID] = p
		matchers[i] = compile(p)
	}
	states, err := t.load(ctx, batch)
	if err != nil {
		return nil, err
	}
	var fired []*sitrep.Alert
	once := map[string]bool{} // profile and key already fired in this batch
	fire := func(p int64, a *sitrep.Alert) {
		k := fmt.Sprintf("%d/%s", p, a.Key)
		if once[k] {
			return
		}
		once[k] = true
		a.ProfileID = p
		fired = append(fired, a)
	}
	for _, a := range batch {
		if a == nil || a.StorylineID == 0 {
			continue
		}
		t.observe(a, states[a.StorylineID], matchers, fire)
	}
	for _, ch := range changes {
		t.claimAlerts(ch, states, fire)
	}
	if err := t.save(ctx, states); err != nil {
		return nil, err
	}
	var out []*sitrep.Alert
	for _, a := range fired {
		created, err := t.Alerts.CreateAlert(ctx, a)
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			continue // the profile was deleted meanwhile
		} else if err != nil {
			return out, fmt.Errorf("track: store alert: %w", err)
		}
		if !created {
			continue
		}
		out = append(out, a)
		t.logger.Info("alert", "profile", a.ProfileID, "kind", a.Kind, "key", a.Key)
		if p := byID[a.ProfileID]; t.Notify != nil && p != nil && p.Webhook != "" {
			t.Notify.Notify(p, a)
		}
	}
	return out, nil
}

// load returns the memory of every storyline in batch.
func (t *Tracker) load(ctx context.Context, batch []*sitrep.Article) (map[int64]*lineState, error) {
	states := map[int64]*lineState{}
	var ids []int64
	for _, a := range batch {
		if a == nil || a.StorylineID == 0 {
			continue
		}
		if _, ok := states[a.StorylineID]; !ok {
			states[a.StorylineID] = nil
			ids = append(ids, a.StorylineID)
		}
	}
	if t.State == nil {
		for _, id := range ids {
			if t.mem[id] == nil {
				t.mem[id] = newLineState()
			}
			states[id] = t.mem[id]
		}
		return states, nil
	}
	raw, err := t.State.LoadTrackState(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("track: load state: %w", err)
	}
	for _, id := range ids {
		st := newLineState()
		if b, ok := raw[id]; ok {
			if err := json.Unmarshal(b, st); err != nil {
				t.logger.Warn("bad stored track state; starting afresh", "storyline", id, "err", err)
				st = newLineState()
			}
			st.fill()
		}
		states[id] = st
	}
	return states, nil
}

// fill replaces nil maps of a decoded state.
func (s *lineState) fill() {
	if s.Stories == nil {
		s.Stories = map[int64]bool{}
	}
	if s.Actors == nil {
		s.Actors = map[string]bool{}
	}
	if s.Events == nil {
		s.Events = map[string]bool{}
	}
	if s.Days == nil {
		s.Days = map[string]*dayStat{}
	}
}

func (t *Tracker) save(ctx context.Context, states map[int64]*lineState) error {
	if t.State == nil {
		return nil
	}
	out := make(map[int64][]byte, len(states))
	for id, st := range states {
		b, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("track: encode state: %w", err)
		}
		out[id] = b
	}
	if err := t.State.SaveTrackState(ctx, out); err != nil {
		return fmt.Errorf("track: save state: %w", err)
	}
	return nil
}

// observe updates st with article a and fires the alerts it causes.
func (t *Tracker) observe(a *sitrep.Article, st *lineState, matchers []*matcher, fire func(int64, *sitrep.Alert)) {
	line, story := a.StorylineID, a.StoryID
	f := articleFacts(a)
	var direct []int64
	for _, m := range matchers {
		if m.match(f) {
			direct = append(direct, m.p.ID)
			if !st.tracks(m.p.ID) {
				st.Profiles = append(st.Profiles, m.p.ID)
			}
		}
	}
	known := st.Articles > 0
	title := describe(a)
	base := sitrep.Alert{StoryID: story, StorylineID: line, ArticleID: a.ID}
	// New story: matching the profile directly, or joining a storyline the profile tracks.
	if story != 0 {
		newStory := !st.Stories[story]
		for _, p := range st.Profiles {
			isDirect := contains64(direct, p)
			if !isDirect && !(newStory && known) {
				continue
			}
			al := base
			al.Kind, al.Key = sitrep.AlertNewStory, fmt.Sprintf("story:%d", story)
			if newStory && known && !isDirect {
				al.Message = fmt.Sprintf("New story %d in tracked storyline %d: %s.", story, line, title)
			} else {
				al.Message = fmt.Sprintf("New story %d matches the profile in storyline %d: %s.", story, line, title)
			}
			fire(p, &al)
		}
		st.Stories[story] = true
	}
	// New actors and event types entering a storyline that already had articles.
	for _, ac := range participants(a) {
		if st.Actors[ac.root] {
			continue
		}
		if len(st.Actors) < t.opts.MaxActorsPerLine {
			st.Actors[ac.root] = true
		}
		if !known {
			continue
		}
		for _, p := range st.Profiles {
			al := base
			al.Kind, al.Key = sitrep.AlertNewActor, fmt.Sprintf("actor:%d:%s", line, ac.root)
			al.Message = fmt.Sprintf("New actor %s (%s) enters storyline %d in %s.", ac.name, ac.code, line, title)
			fire(p, &al)
		}
	}
	for _, et := range eventTypes(a) {
		if st.Events[et.key] {
			continue
		}
		st.Events[et.key] = true
		if !known {
			continue
		}
		for _, p := range st.Profiles {
			al := base
			al.Kind, al.Key = sitrep.AlertNewEventType, fmt.Sprintf("event_type:%d:%s", line, et.key)
			al.Message = fmt.Sprintf("New event type %s in storyline %d: %s, in %s.", et.key, line, et.example, title)
			fire(p, &al)
		}
	}
	t.escalation(a, st, base, fire)
	st.Articles++
}

// escalation adds a's events to the daily series and fires when a recent day falls beyond the
// threshold below its baseline.
func (t *Tracker) escalation(a *sitrep.Article, st *lineState, base sitrep.Alert, fire func(int64, *sitrep.Alert)) {
	pub := ""
	if a.Published != nil {
		pub = a.Published.UTC().Format("2006-01-02")
	}
	touched := map[string]bool{}
	for _, e := range a.Events {
		if !e.Happened() && e.Mode != sitrep.ModeThreatened {
			continue
		}
		if e.CAMEO == "" && e.PLOVER == "" {
			continue
		}
		d := ""
		if len(e.Date) >= 10 && e.Date[4] == '-' && e.Date[7] == '-' {
			d = e.Date[:10]
		} else {
			d = pub
		}
		if d == "" {
			continue
		}
		ds := st.Days[d]
		if ds == nil {
			if len(st.Days) >= t.opts.MaxDaysPerLine {
				continue
			}
			ds = &dayStat{Min: math.Inf(1)}
			st.Days[d] = ds
		}
		ds.Sum += e.Goldstein
		ds.Min = math.Min(ds.Min, e.Goldstein)
		ds.N++
		touched[d] = true
	}
	if len(touched) == 0 || len(st.Profiles) == 0 {
		return
	}
	var days []string
	for d := range st.Days {
		days = append(days, d)
	}
	sort.Strings(days)
	for d := range touched {
		if pub != "" && daysBetween(d, pub) > t.opts.RecentDays {
			continue
		}
		ds := st.Days[d]
		if ds.N < t.opts.MinDayEvents {
			continue
		}
		i := sort.SearchStrings(days, d)
		lo := max(0, i-t.opts.BaselineDays)
		if i == lo {
			continue // no earlier day to compare with
		}
		sum := 0.0
		for _, prev := range days[lo:i] {
			p := st.Days[prev]
			sum += p.Sum / float64(p.N)
		}
		baseline := sum / float64(i-lo)
		mean := ds.Sum / float64(ds.N)
		if baseline-mean < t.opts.EscalationDrop {
			continue
		}
		for _, p := range st.Profiles {
			al := base
			al.Kind, al.Key = sitrep.AlertEscalation, fmt.Sprintf("escalation:%d:%s", base.StorylineID, d)
			al.Message = fmt.Sprintf("Escalation in storyline %d on %s: mean Goldstein %.1f over %d events, down from %.1f over the previous %d days with events.",
				base.StorylineID, d, mean, ds.N, baseline, i-lo)
			fire(p, &al)
		}
	}
}

// claimAlerts fires for the profiles tracking the storyline of the report that changed a claim.
func (t *Tracker) claimAlerts(ch sitrep.ClaimChange, states map[int64]*lineState, fire func(int64, *sitrep.Alert)) {
	switch ch.To {
	case sitrep.ClaimConfirmed, sitrep.ClaimDenied, sitrep.ClaimContradicted:
	default:
		return
	}
	r := ch.Report
	if r == nil || ch.Claim == nil {
		return
	}
	st := states[r.StorylineID]
	if st == nil {
		return
	}
	speaker := ch.Claim.Speaker.Text
	if speaker == "" {
		speaker = firstNonEmpty(ch.Claim.Speaker.Description, "an unnamed source")
	}
	for _, p := range st.Profiles {
		al := sitrep.Alert{Kind: sitrep.AlertClaimStatus, Key: fmt.Sprintf("claim:%d:%s", ch.Claim.ID, ch.To),
			StoryID: r.StoryID, StorylineID: r.StorylineID, ArticleID: r.ArticleID}
		al.Message = fmt.Sprintf("Claim by %s that %q is now %s (was %s): %s%s.", speaker, clip(ch.Claim.Content, 160),
			ch.To, ch.From, r.Reason, inOutlet(r.Outlet))
		fire(p, &al)
	}
}

// participant is an actor of an article, keyed by its root code.
type participant struct{ root, code, name string }

// participants returns the actors of a's coded events and the coded actors it mentions at least
// twice, keyed by root: the country part of a CAMEO code ("ISR" for "ISRMIL"), or the whole code
// for international, non-governmental and multinational codes.
func participants(a *sitrep.Article) []participant {
	var out []participant
	seen := map[string]bool{}
	add := func(code, name string) {
		code = strings.ToUpper(strings.TrimSpace(code))
		if code == "" {
			return
		}
		root := rootCode(code)
		if seen[root] || len(out) >= 256 {
			return
		}
		seen[root] = true
		out = append(out, participant{root: root, code: code, name: firstNonEmpty(name, code)})
	}
	for _, e := range a.Events {
		add(e.Source.Code, nameOf(a, e.Source))
		add(e.Target.Code, nameOf(a, e.Target))
	}
	count := map[string]int{}
	for _, m := range a.Mentions {
		count[m.ActorID]++
	}
	for _, ac := range a.Actors {
		if count[ac.ID] >= 2 {
			add(ac.Code, ac.Name)
		}
	}
	return out
}

// nameOf names an event actor: its resolved actor's name, else the name of the article's actor
// with the same code or root code, else the text.
func nameOf(a *sitrep.Article, ea sitrep.EventActor) string {
	for _, ac := range a.Actors {
		if ac.ID != "" && ac.ID == ea.ActorID {
			return ac.Name
		}
	}
	code := strings.ToUpper(ea.Code)
	for _, want := range []string{code, rootCode(code)} {
		for _, ac := range a.Actors {
			if want != "" && strings.EqualFold(ac.Code, want) && ac.Name != "" {
				return ac.Name
			}
		}
	}
	return ea.Text
}

// rootCode is the part of a CAMEO actor code that identifies a party.
func rootCode(code string) string {
	if len(code) <= 3 {
		return code
	}
	switch code[:3] {
	case "IGO", "NGO", "MNC", "IMG", "UIS", "INT":
		return code
	}
	return code[:3]
}

// eventType is an event type of an article with an example of it.
type eventType struct{ key, example string }

// eventTypes returns the PLOVER types (or CAMEO roots when no PLOVER type is set) of the events
// of a that took place or were threatened.
func eventTypes(a *sitrep.Article) []eventType {
	var out []eventType
	seen := map[string]bool{}
	for _, e := range a.Events {
		if !e.Happened() && e.Mode != sitrep.ModeThreatened {
			continue
		}
		key := strings.ToUpper(e.PLOVER)
		if key == "" && len(e.CAMEO) >= 2 {
			key = "CAMEO" + e.CAMEO[:2]
		}
		if key == "" || seen[key] || len(out) >= 64 {
			continue
		}
		seen[key] = true
		ex := strings.TrimSpace(firstNonEmpty(e.Source.Text, e.Source.Code) + " " + e.Trigger + " " + firstNonEmpty(e.Target.Text, e.Target.Code))
		out = append(out, eventType{key: key, example: clip(ex, 80)})
	}
	return out
}

// describe names an article in a message: its title (or the start of its text), outlet and date.
func describe(a *sitrep.Article) string {
	title := strings.TrimSpace(a.Title)
	if title == "" {
		title = strings.TrimSpace(a.Text)
		if i := strings.IndexByte(title, '\n'); i > 0 {
			title = title[:i]
		}
		title = firstSentence(title)
	}
	s := fmt.Sprintf("%q", clip(title, 100))
	var extra []string
	if a.Outlet != "" {
		extra = append(extra, a.Outlet)
	}
	if a.Published != nil {
		extra = append(extra, a.Published.UTC().Format("2006-01-02"))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

func inOutlet(o string) string {
	if o == "" {
		return ""
	}
	return " in " + o
}

// clip shortens s to at most n bytes on a rune boundary, adding "…" when cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return strings.TrimSpace(s[:n]) + "…"
}

func daysBetween(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0
	}
	d := tb.Sub(ta).Hours() / 24
	return int(math.Abs(d))
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func contains64(l []int64, v int64) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// firstSentence returns s up to the end of its first sentence: a period, question or
// exclamation mark after a lower-case letter and before a space ("U.S." does not end one).
func firstSentence(s string) string {
	for i := 1; i+1 < len(s); i++ {
		c := s[i]
		if (c == '.' || c == '!' || c == '?') && s[i+1] == ' ' && s[i-1] >= 'a' && s[i-1] <= 'z' {
			return s[:i]
		}
	}
	return s
}
