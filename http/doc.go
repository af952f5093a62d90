// Package http serves sitrep over HTTP: a JSON API under /api/v1 (articles, stories, storylines,
// actors, events, claims, search, tracking profiles and alerts, with an OpenAPI 3 document at
// /api/v1/openapi.json and an alert stream as Server-Sent Events), a server-rendered web UI built
// with html/template, and the operational endpoints /healthz and /metrics.
//
// The package depends only on the root domain types and small consumer-side interfaces (Server's
// fields); cmd/sitrep wires the concrete store and story services. A nil service makes the parts
// of the API and UI that need it answer "not available" instead of failing. Application errors
// (sitrep.Error) map to HTTP status numbers in one table (see errorStatus); any other error is
// logged and shown as "Internal error.". Templates, styles and the OpenAPI document are embedded.
//
// Writes (tracking profile create, update and delete) need the bearer token given in
// Server.Token when one is set; cmd/sitrep refuses to serve writable on a non-loopback address
// without a token.
package http
