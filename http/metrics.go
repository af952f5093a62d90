package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the server's Prometheus collectors in their own registry (no global state).
type Metrics struct {
	reg      *prometheus.Registry
	ingested *prometheus.CounterVec
	stage    *prometheus.HistogramVec
	queue    prometheus.Gauge
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics returns a fresh set of collectors: ingest counts by result, pipeline stage
// latencies, the ingest queue depth, and HTTP request counts and latencies by route.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_ingest_articles_total", Help: "Articles ingested, by result (new, unchanged, failed).",
		}, []string{"result"}),
		stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sitrep_stage_seconds", Help: "Latency of each pipeline stage per article.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10),
		}, []string{"stage"}),
		queue: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sitrep_ingest_queue_depth", Help: "Analysed articles waiting to be committed.",
		}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_http_requests_total", Help: "HTTP requests, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sitrep_http_request_seconds", Help: "HTTP request latency, by route pattern.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 4, 9),
		}, []string{"route"}),
	}
	m.reg.MustRegister(m.ingested, m.stage, m.queue, m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"new", "unchanged", "failed"} {
		m.ingested.WithLabelValues(r)
	}
	return m
}

// ObserveStage records one stage latency; its signature matches pipeline.Observer.
func (m *Metrics) ObserveStage(stage string, d time.Duration) {
	m.stage.WithLabelValues(stage).Observe(d.Seconds())
}

// AddIngested counts n articles ingested with result "new", "unchanged" or "failed".
func (m *Metrics) AddIngested(result string, n int) {
	m.ingested.WithLabelValues(result).Add(float64(n))
}

// SetQueueDepth sets the number of analysed articles waiting to be committed.
func (m *Metrics) SetQueueDepth(n int) { m.queue.Set(float64(n)) }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// statusWriter records the status code a handler writes.
type statusWriter struct {
	http.ResponseWriter
	code int
}

// WriteHeader records the first status code and passes it on.
func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and passes the bytes on.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing for SSE).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush implements http.Flusher.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// instrument counts requests by the mux's route pattern (bounded label values).
func (m *Metrics) instrument(mux *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, route := mux.Handler(r)
		if route == "" {
			route = "unmatched"
		}
		sw := &statusWriter{ResponseWriter: w}
		t0 := time.Now()
		next.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(t0).Seconds())
	})
}
