package clean

import (
	"context"

	"github.com/sitrep/sitrep"
)

// cleanHTML extracts main text and metadata from HTML. (Placeholder: go-trafilatura to come.)
func (c *Cleaner) cleanHTML(ctx context.Context, a *sitrep.Article) error {
	a.Text = a.Raw
	return nil
}
