// Package sqlite stores sitrep's articles, search index, tracking profiles and alerts in an
// embedded SQLite database through modernc.org/sqlite, a pure-Go driver, so the binary builds
// with CGO_ENABLED=0.
//
// A DB is created with NewDB and opened with Open, which applies the embedded migrations
// (migration/*.sql, each in its own transaction, in name order, recorded in the migrations
// table). A file database runs in WAL mode with synchronous=NORMAL, foreign keys on and a busy
// timeout; it has one writer connection (writes are serialised in the process) and a pool of
// read-only connections, so searches run while a batch is being written. ":memory:" gives a
// private in-memory database on a single connection, for tests.
//
// The services (ArticleService, SearchService, ProfileService, AlertService) implement the
// interfaces of the root package. Each exported method opens a transaction with DB.BeginTx, calls
// lower-case helpers that take (ctx, *Tx) and commits; Tx carries the time taken from DB.Now so
// tests can fix the clock. Code in this package must not hold two transactions at once from one
// goroutine: on ":memory:" both would need the single connection.
//
// Search uses an FTS5 index over title and text with BM25 ranking, and facet tokens (facet.go)
// in a hidden column of the same index so that filters on actors, event types, outlet, language
// and month are intersected by FTS5 itself.
//
// The schema, the full-text index and the durability guarantees are described in docs/store.md.
package sqlite
