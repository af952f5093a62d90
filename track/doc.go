// Package track matches tracking profiles against every ingested batch and fires alerts.
//
// A profile names actors (CAMEO codes or prefixes), event types (PLOVER types or CAMEO roots)
// and a query (words, "phrases", OR, -excluded). An article that satisfies every criterion the
// profile sets matches it, and its storyline becomes tracked by the profile. The Tracker keeps,
// per storyline, what it has seen — stories, actors, event types, the daily escalation series —
// and fires an alert when a tracked storyline gets a new story, a new actor, a new event type, an
// escalation (the day's mean Goldstein value falling beyond a threshold below the preceding days),
// or when a claim reported in it is confirmed, denied or contradicted. Each alert has a Key naming
// the development, and the store keeps one alert per profile and key, so nothing fires twice.
//
// Webhook delivers alerts by HTTP POST with an HMAC-SHA256 signature, retries with exponential
// backoff, and refuses private, loopback and link-local addresses unless allowed, checking every
// resolved address at dial time so that redirects and DNS rebinding cannot reach them.
package track
