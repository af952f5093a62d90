package sqlite

import (
	"context"
	"database/sql"
)

// QueryRowForTest runs a query on the writer connection (tests only: sizes and pragmas).
func (db *DB) QueryRowForTest(ctx context.Context, q string) *sql.Row {
	return db.wdb.QueryRowContext(ctx, q)
}
