package track_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/track"
)

func testAlert() (*sitrep.Profile, *sitrep.Alert) {
	return &sitrep.Profile{ID: 4, Name: "Israel and Iran"},
		&sitrep.Alert{ID: 17, ProfileID: 4, Kind: sitrep.AlertNewStory, Key: "story:3", StoryID: 3, StorylineID: 1,
			Message: "New story 3 in tracked storyline 1: \"Israel strikes military sites in Iran\" (Wire A, 2024-10-26)."}
}

func TestWebhook_SignatureAndRetries(t *testing.T) {
	const secret = "s3cret-for-test"
	var calls atomic.Int32
	var mu sync.Mutex
	var bodies [][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := calls.Add(1)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("method %s content type %q", r.Method, r.Header.Get("Content-Type"))
		}
		if !track.Verify(secret, body, r.Header.Get(track.SignatureHeader)) {
			t.Errorf("bad signature %q", r.Header.Get(track.SignatureHeader))
		}
		mu.Lock()
		bodies = append(bodies, body)
		mu.Unlock()
		if n < 3 {
			w.WriteHeader(http.StatusServiceUnavailable) // the first two attempts fail
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	hook := track.NewWebhook(track.WebhookOptions{Secret: secret, AllowPrivate: true, MaxAttempts: 4,
		Backoff: 10 * time.Millisecond})
	p, a := testAlert()
	p.Webhook = srv.URL + "/hook"
	start := time.Now()
	if err := hook.Send(context.Background(), p, a); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("attempts = %d, want 3", n)
	}
	if el := time.Since(start); el < 30*time.Millisecond {
		t.Errorf("retries did not back off (10ms then 20ms): took %v", el)
	}
	var pl track.Payload
	if err := json.Unmarshal(bodies[2], &pl); err != nil || pl.Alert.Key != "story:3" || pl.Profile.Name != "Israel and Iran" {
		t.Errorf("payload %s (%v)", bodies[2], err)
	}
	if track.Verify("other", bodies[2], track.Sign(secret, bodies[2])) {
		t.Error("a signature must not verify under another secret")
	}
}

func TestWebhook_GivesUp(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	hook := track.NewWebhook(track.WebhookOptions{AllowPrivate: true, MaxAttempts: 3, Backoff: time.Millisecond})
	p, a := testAlert()
	p.Webhook = srv.URL
	if err := hook.Send(context.Background(), p, a); err == nil {
		t.Fatal("want an error after the last attempt")
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("attempts = %d, want 3", n)
	}
	// A 4xx answer other than 429 is final.
	calls.Store(0)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusGone)
	})
	if err := hook.Send(context.Background(), p, a); err == nil || calls.Load() != 1 {
		t.Errorf("410: err=%v attempts=%d, want one attempt", err, calls.Load())
	}
	// A cancelled context stops the retries.
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	slow := track.NewWebhook(track.WebhookOptions{AllowPrivate: true, MaxAttempts: 10, Backoff: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := slow.Send(ctx, p, a); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
}

func TestWebhook_RefusesPrivateAddresses(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	hook := track.NewWebhook(track.WebhookOptions{MaxAttempts: 3, Backoff: time.Millisecond})
	p, a := testAlert()
	for _, u := range []string{srv.URL, "http://localhost:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest",
		"http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/"} {
		p.Webhook = u
		if err := hook.Send(context.Background(), p, a); !errors.Is(err, track.ErrPrivateAddress) {
			t.Errorf("%s: err = %v, want ErrPrivateAddress", u, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("the private receiver was reached %d times", calls.Load())
	}
	for _, u := range []string{"ftp://example.org/", "/relative", "http://"} {
		p.Webhook = u
		if err := hook.Send(context.Background(), p, a); !errors.Is(err, track.ErrBadWebhookURL) {
			t.Errorf("%s: err = %v, want ErrBadWebhookURL", u, err)
		}
	}
}

func TestWebhook_RedirectToRefusedAddress(t *testing.T) {
	// The receiver on 127.0.0.1 is allowed; it redirects to one on 127.0.0.2, which is not. The
	// dial guard runs on every hop, so the redirect target is never contacted.
	var reached atomic.Int32
	target := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2: %v", err)
	}
	target.Listener = ln
	target.Start()
	defer target.Close()
	front := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	defer front.Close()
	only := netip.MustParseAddr("127.0.0.1")
	hook := track.NewWebhook(track.WebhookOptions{MaxAttempts: 1, Allow: func(ip netip.Addr) bool { return ip == only }})
	p, a := testAlert()
	p.Webhook = front.URL
	if err := hook.Send(context.Background(), p, a); !errors.Is(err, track.ErrPrivateAddress) {
		t.Errorf("err = %v, want ErrPrivateAddress", err)
	}
	if reached.Load() != 0 {
		t.Error("redirect target reached")
	}
}

func TestPublicAddr(t *testing.T) {
	for s, want := range map[string]bool{
		"8.8.8.8": true, "2a00:1450:4001::1": true, "127.0.0.1": false, "10.0.0.1": false, "172.16.5.4": false,
		"192.168.1.1": false, "169.254.169.254": false, "::1": false, "fe80::1": false, "fd00::1": false,
		"0.0.0.0": false, "100.100.1.1": false, "::ffff:10.0.0.1": false, "224.0.0.1": false,
	} {
		if got := track.PublicAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("PublicAddr(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestDispatcher(t *testing.T) {
	got := make(chan string, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("X-Sitrep-Event")
	}))
	defer srv.Close()
	d := track.NewDispatcher(track.NewWebhook(track.WebhookOptions{AllowPrivate: true}), 8)
	if err := d.Open(); err != nil {
		t.Fatal(err)
	}
	p, a := testAlert()
	p.Webhook = srv.URL
	d.Notify(p, a)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.Close(ctx); err != nil {
		t.Fatal(err)
	}
	d.Notify(p, a) // after Close: dropped, no panic
	if k := <-got; k != sitrep.AlertNewStory {
		t.Errorf("event header %q", k)
	}
}
