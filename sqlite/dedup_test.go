package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/sqlite"
)

// TestDedupService checks that signatures survive a save and reload (including a too-short
// article without one and an update of the origin), that only the requested scheme is read,
// and that the stored articles without a signature or without a story are found in ingest
// order.
func TestDedupService(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, filepath.Join(t.TempDir(), "sitrep.db"))
	arts := sqlite.NewArticleService(db)
	var as []*sitrep.Article
	for i := 0; i < 6; i++ {
		pub := time.Date(2025, 5, 1+i, 9, 0, 0, 0, time.UTC)
		as = append(as, &sitrep.Article{ID: fmt.Sprintf("art-%d", i), Title: "Harbour report", Published: &pub,
			Text: fmt.Sprintf("Report %d on the harbour closure in Valmora after a crane fell onto a ship.", i)})
	}
	if _, err := arts.CreateArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	svc := sqlite.NewDedupService(db)
	const scheme = 2004064
	want := []sqlite.Signature{
		{ArticleID: "art-0", Seq: 1, Published: *as[0].Published, Size: 14, Sig: []uint32{1, 2, 3, 0xffffffff}, Scheme: scheme},
		{ArticleID: "art-1", Seq: 2, Published: *as[1].Published, Size: 13, Sig: []uint32{1, 2, 4, 5}, Origin: "art-0", Scheme: scheme},
		{ArticleID: "art-2", Seq: 3, Size: 2, Scheme: scheme},
		{ArticleID: "art-3", Seq: 4, Size: 9, Sig: []uint32{9, 9, 9, 9}, Scheme: scheme + 1},
	}
	if err := svc.SaveSignatures(ctx, want); err != nil {
		t.Fatal(err)
	}
	// A relink updates the row.
	want[0].Origin = "art-1"
	if err := svc.SaveSignatures(ctx, want[:1]); err != nil {
		t.Fatal(err)
	}
	var got []sqlite.Signature
	if err := svc.EachSignature(ctx, scheme, func(s sqlite.Signature) error { got = append(got, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want[:3]) {
		t.Fatalf("loaded\n%+v\nwant\n%+v", got, want[:3])
	}
	var unsigned []string
	err := svc.EachUnsigned(ctx, scheme, func(id string, pub time.Time, text string) error {
		if text == "" || pub.IsZero() {
			t.Errorf("%s: text or date missing", id)
		}
		unsigned = append(unsigned, id)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"art-3", "art-4", "art-5"}; !reflect.DeepEqual(unsigned, want) {
		t.Errorf("unsigned %v, want %v", unsigned, want)
	}
	// Articles 0 and 2 have a story; the others are found, with their analysis, in order.
	ss := sqlite.NewStoryService(db)
	ch := &sitrep.ClusterChanges{Articles: []sitrep.ClusterArticle{
		{ArticleID: "art-0", StoryID: 1, StorylineID: 1, Seq: 1, Features: []byte{1}},
		{ArticleID: "art-2", StoryID: 1, StorylineID: 1, Seq: 2, Features: []byte{1}},
	}}
	if err := ss.SaveClusterChanges(ctx, ch); err != nil {
		t.Fatal(err)
	}
	var behind []string
	if err := svc.EachUnclustered(ctx, func(a *sitrep.Article) error { behind = append(behind, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"art-1", "art-3", "art-4", "art-5"}; !reflect.DeepEqual(behind, want) {
		t.Errorf("unclustered %v, want %v", behind, want)
	}
	// The clusterer's rows stream in Seq order.
	var seqs []int64
	if err := ss.EachClusterArticle(ctx, func(a *sitrep.ClusterArticle) error { seqs = append(seqs, a.Seq); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(seqs, []int64{1, 2}) {
		t.Errorf("cluster articles %v, want [1 2]", seqs)
	}
}
