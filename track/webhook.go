package track

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

// SignatureHeader carries "sha256=" + the hex HMAC-SHA256 of the request body under the secret.
const SignatureHeader = "X-Sitrep-Signature"

// ErrPrivateAddress is returned when a webhook host resolves to a private, loopback, link-local
// or otherwise non-public address and private addresses are not allowed.
var ErrPrivateAddress = errors.New("track: webhook address is not public")

// ErrBadWebhookURL is returned for a webhook URL that is not an absolute http or https URL.
var ErrBadWebhookURL = errors.New("track: webhook URL must be http or https")

// WebhookOptions configure a Webhook.
type WebhookOptions struct {
	// Secret signs every body (SignatureHeader); empty sends no signature.
	Secret string
	// AllowPrivate allows private, loopback and link-local addresses (for local receivers).
	AllowPrivate bool
	// MaxAttempts bounds the deliveries of one alert; Backoff is the wait after the first failed
	// attempt, doubled after each further one up to MaxBackoff.
	MaxAttempts int
	Backoff     time.Duration
	MaxBackoff  time.Duration
	// Timeout bounds one attempt.
	Timeout time.Duration
	Logger  *slog.Logger
	// Allow, when set, decides which addresses may be dialled instead of PublicAddr (and
	// AllowPrivate); every resolved address of every hop must pass it.
	Allow func(netip.Addr) bool
	// Resolver resolves host names (net.DefaultResolver when nil).
	Resolver *net.Resolver
}

// DefaultWebhookOptions returns the options sitrep runs with.
func DefaultWebhookOptions() WebhookOptions {
	return WebhookOptions{MaxAttempts: 5, Backoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second,
		Timeout: 10 * time.Second}
}

// Webhook posts alerts as JSON to profile webhooks.
type Webhook struct {
	opts   WebhookOptions
	client *http.Client
	logger *slog.Logger
}

// Payload is the JSON body of a webhook delivery.
type Payload struct {
	Profile struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"profile"`
	Alert *sitrep.Alert `json:"alert"`
}

// NewWebhook returns a Webhook. Its HTTP client dials only addresses that pass the public-address
// check (unless AllowPrivate), uses no proxy, and follows at most 3 redirects.
func NewWebhook(opts WebhookOptions) *Webhook {
	d := DefaultWebhookOptions()
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = d.MaxAttempts
	}
	if opts.Backoff <= 0 {
		opts.Backoff = d.Backoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = d.MaxBackoff
	}
	if opts.Timeout <= 0 {
		opts.Timeout = d.Timeout
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	w := &Webhook{opts: opts, logger: logger.With("component", "webhook")}
	dialer := &net.Dialer{Timeout: opts.Timeout}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           w.guardedDial(dialer),
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
	}
	w.client = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("track: too many webhook redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return ErrBadWebhookURL
			}
			return nil
		},
	}
	return w
}

// guardedDial resolves the host, checks every address and dials a checked address itself, so
// the address used is the address checked (no second lookup to rebind).
func (w *Webhook) guardedDial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		r := w.opts.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		var ips []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			ips = []netip.Addr{ip}
		} else {
			ias, err := r.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
			ips = ias
		}
		if len(ips) == 0 {
			return nil, fmt.Errorf("track: no address for %s", host)
		}
		if allow := w.opts.Allow; allow != nil || !w.opts.AllowPrivate {
			if allow == nil {
				allow = PublicAddr
			}
			for _, ip := range ips {
				if !allow(ip.Unmap()) {
					return nil, fmt.Errorf("%w: %s resolves to %s", ErrPrivateAddress, host, ip)
				}
			}
		}
		var last error
		for _, ip := range ips {
			c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
			if err == nil {
				return c, nil
			}
			last = err
		}
		return nil, last
	}
}

// nonPublic are the ranges, beyond those netip classifies, that a webhook must not reach.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// PublicAddr reports whether ip is a public unicast address: not loopback, private, link-local,
// unspecified, multicast, shared (CGNAT), documentation or reserved.
func PublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// CheckURL returns an error unless raw is an absolute http or https URL with a host.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q", ErrBadWebhookURL, raw)
	}
	return u, nil
}

// Sign returns the signature header value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether header is a valid signature of body under secret (constant time).
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

// Send posts alert a of profile p to p.Webhook, retrying failed attempts (network errors, 429
// and 5xx answers) with exponential backoff until MaxAttempts or ctx ends. A refused address or
// another 4xx answer is not retried.
func (w *Webhook) Send(ctx context.Context, p *sitrep.Profile, a *sitrep.Alert) error {
	u, err := CheckURL(p.Webhook)
	if err != nil {
		return err
	}
	var pl Payload
	pl.Profile.ID, pl.Profile.Name, pl.Alert = p.ID, p.Name, a
	body, err := json.Marshal(pl)
	if err != nil {
		return err
	}
	wait := w.opts.Backoff
	var last error
	for attempt := 1; attempt <= w.opts.MaxAttempts; attempt++ {
		retry, err := w.attempt(ctx, u.String(), body, a, attempt)
		if err == nil {
			return nil
		}
		last = err
		w.logger.Warn("webhook attempt failed", "profile", p.ID, "alert", a.ID, "attempt", attempt, "err", err)
		if !retry || attempt == w.opts.MaxAttempts {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("track: webhook: %w (last error: %v)", ctx.Err(), last)
		case <-time.After(wait):
		}
		wait = min(2*wait, w.opts.MaxBackoff)
	}
	return fmt.Errorf("track: webhook %s: %w", u.Redacted(), last)
}

// attempt makes one delivery and reports whether a failure may be retried.
func (w *Webhook) attempt(ctx context.Context, u string, body []byte, a *sitrep.Alert, n int) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, w.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "sitrep/"+sitrep.Version)
	req.Header.Set("X-Sitrep-Event", a.Kind)
	req.Header.Set("X-Sitrep-Delivery", strconv.FormatInt(a.ID, 10))
	req.Header.Set("X-Sitrep-Attempt", strconv.Itoa(n))
	if w.opts.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(w.opts.Secret, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return !errors.Is(err, ErrPrivateAddress) && !errors.Is(err, ErrBadWebhookURL), err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("status %d", resp.StatusCode)
	}
	return false, fmt.Errorf("status %d", resp.StatusCode)
}

// Dispatcher delivers alerts through a Webhook in the background, so that ingest never waits on
// a slow receiver. Notify queues; a full queue drops the delivery with a warning. Close waits for
// queued deliveries until its context ends.
type Dispatcher struct {
	hook   *Webhook
	queue  chan job
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	closed bool
}

type job struct {
	p *sitrep.Profile
	a *sitrep.Alert
}

// NewDispatcher returns a Dispatcher with a queue of size deliveries; call Open to start it.
func NewDispatcher(hook *Webhook, size int) *Dispatcher {
	d := &Dispatcher{hook: hook, queue: make(chan job, max(size, 1))}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	return d
}

// Open starts the delivery worker.
func (d *Dispatcher) Open() error {
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		for j := range d.queue {
			if err := d.hook.Send(d.ctx, j.p, j.a); err != nil {
				d.hook.logger.Warn("webhook delivery failed", "profile", j.p.ID, "alert", j.a.ID, "err", err)
			}
		}
	}()
	return nil
}

// Notify queues the delivery of a to p's webhook.
func (d *Dispatcher) Notify(p *sitrep.Profile, a *sitrep.Alert) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		d.hook.logger.Warn("webhook dispatcher closed; delivery dropped", "profile", p.ID, "alert", a.ID)
		return
	}
	select {
	case d.queue <- job{p, a}:
	default:
		d.hook.logger.Warn("webhook queue full; delivery dropped", "profile", p.ID, "alert", a.ID)
	}
}

// Close stops accepting deliveries and waits for the queued ones until ctx ends, then cancels
// what is still running.
func (d *Dispatcher) Close(ctx context.Context) error {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		close(d.queue)
	}
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		d.cancel()
		return nil
	case <-ctx.Done():
		d.cancel()
		<-done
		return ctx.Err()
	}
}
