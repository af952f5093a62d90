package clean

import (
	"context"

	"github.com/sitrep/sitrep"
)

// cleanText cleans already-flattened text. (Placeholder: to be replaced by the line classifier.)
func (c *Cleaner) cleanText(ctx context.Context, a *sitrep.Article) error {
	a.Text = a.Raw
	return nil
}
