package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/sitrep/sitrep"
)

// Signature is the persisted state of one article in the copy-detection index (package dedup):
// its ingest order in the index, publication time, shingle count, MinHash signature (nil when
// the text was too short) and the origin of its copy group ("" when it is its own origin).
// Scheme identifies how the signature was computed.
type Signature struct {
	ArticleID string
	Seq       int64
	Published time.Time
	Size      int
	Sig       []uint32
	Origin    string
	Scheme    int64
}

// DedupService stores the copy-detection index's signatures (table dedup_docs) and finds the
// stored articles that the index or the story clusterer have not seen yet.
type DedupService struct {
	db *DB
}

// NewDedupService returns a DedupService on db.
func NewDedupService(db *DB) *DedupService {
	return &DedupService{db: db}
}

// EachSignature calls fn with every stored signature of the given scheme, in index order, from
// one read snapshot.
func (s *DedupService) EachSignature(ctx context.Context, scheme int64, fn func(Signature) error) error {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT article_id, seq, published, size, sig, origin FROM dedup_docs
		WHERE scheme = ? ORDER BY seq`, scheme)
	if err != nil {
		return err
	}
	defer rows.Close()
	var buf []byte
	for rows.Next() {
		sg := Signature{Scheme: scheme}
		var published, origin sql.NullString
		buf = buf[:0]
		if err := rows.Scan(&sg.ArticleID, &sg.Seq, &published, &sg.Size, &buf, &origin); err != nil {
			return err
		}
		if published.Valid {
			if sg.Published, err = parseTime(published.String); err != nil {
				return err
			}
		}
		if buf != nil {
			if len(buf)%4 != 0 {
				return fmt.Errorf("sqlite: bad signature of %s: %d bytes", sg.ArticleID, len(buf))
			}
			sg.Sig = make([]uint32, len(buf)/4)
			for i := range sg.Sig {
				sg.Sig[i] = binary.LittleEndian.Uint32(buf[4*i:])
			}
		}
		sg.Origin = origin.String
		if err := fn(sg); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SaveSignatures inserts or replaces signatures in one transaction.
func (s *DedupService) SaveSignatures(ctx context.Context, sigs []Signature) error {
	if len(sigs) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO dedup_docs (article_id, seq, published, size, sig, origin, scheme)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq, published = excluded.published, size = excluded.size,
			sig = excluded.sig, origin = excluded.origin, scheme = excluded.scheme`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, sg := range sigs {
		var blob any
		if sg.Sig != nil {
			b := make([]byte, 4*len(sg.Sig))
			for i, v := range sg.Sig {
				binary.LittleEndian.PutUint32(b[4*i:], v)
			}
			blob = b
		}
		var published any
		if !sg.Published.IsZero() {
			published = formatTime(sg.Published)
		}
		if _, err := stmt.ExecContext(ctx, sg.ArticleID, sg.Seq, published, sg.Size, blob, nullString(sg.Origin), sg.Scheme); err != nil {
			return fmt.Errorf("save signature of %s: %w", sg.ArticleID, err)
		}
	}
	return tx.Commit()
}

// EachUnsigned calls fn, in ingest order, with the id, publication time and text of every
// stored article that has no signature of the given scheme: articles stored before signatures
// were persisted, or whose signatures were computed another way. Only those rows are read.
func (s *DedupService) EachUnsigned(ctx context.Context, scheme int64, fn func(id string, published time.Time, text string) error) error {
	seqs, err := s.seqs(ctx, `SELECT a.seq FROM articles a WHERE NOT EXISTS
		(SELECT 1 FROM dedup_docs d WHERE d.article_id = a.id AND d.scheme = ?)`, scheme)
	if err != nil {
		return err
	}
	return s.eachBySeq(ctx, seqs, `SELECT id, published, text FROM articles WHERE seq = ?`, func(row *sql.Row) error {
		var id, text string
		var published sql.NullString
		if err := row.Scan(&id, &published, &text); err != nil {
			return err
		}
		var t time.Time
		if published.Valid {
			if t, err = parseTime(published.String); err != nil {
				return err
			}
		}
		return fn(id, t, text)
	})
}

// EachUnclustered calls fn, in ingest order, with every stored article (analysis included)
// that the story clusterer has not placed (no story_articles row): a store filled by an older
// version, or an ingest interrupted between commit and clustering. Only those rows are read.
func (s *DedupService) EachUnclustered(ctx context.Context, fn func(*sitrep.Article) error) error {
	seqs, err := s.seqs(ctx, `SELECT a.seq FROM articles a WHERE NOT EXISTS
		(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)`)
	if err != nil {
		return err
	}
	return s.eachBySeq(ctx, seqs, `SELECT `+articleColumns(true)+` FROM articles a WHERE a.seq = ?`, func(row *sql.Row) error {
		a, err := scanArticle(row, true)
		if err != nil {
			return err
		}
		return fn(a)
	})
}

// seqs returns the article sequence numbers a query selects, in ascending order. The queries
// select seq and test id only, which the unique index on articles.id covers: sorting here
// rather than with ORDER BY keeps SQLite from walking the wide article rows.
func (s *DedupService) seqs(ctx context.Context, q string, args ...any) ([]int64, error) {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out, rows.Err()
}

// eachBySeq calls fn with the row q selects for each article sequence number, reading a chunk
// of rows per read transaction so that no snapshot is held for the whole walk (fn may write to
// the store).
func (s *DedupService) eachBySeq(ctx context.Context, seqs []int64, q string, fn func(*sql.Row) error) error {
	const chunk = 512
	for len(seqs) > 0 {
		n := min(chunk, len(seqs))
		if err := s.eachInTx(ctx, seqs[:n], q, fn); err != nil {
			return err
		}
		seqs = seqs[n:]
	}
	return nil
}

func (s *DedupService) eachInTx(ctx context.Context, seqs []int64, q string, fn func(*sql.Row) error) error {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, seq := range seqs {
		if err := fn(stmt.QueryRowContext(ctx, seq)); err != nil {
			return err
		}
	}
	return nil
}
