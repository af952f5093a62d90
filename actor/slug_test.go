package actor

import "testing"

func TestSlugID(t *testing.T) {
	tests := []string{"", "-", "Nour Al-Huda", "  Ali  Hassan--", "U.S. Central Command", "Éric Zemmour", "Rafah's 3rd Brigade!", "a", "Z9"}
	for _, s := range tests {
		for _, p := range []string{"x:", "place:"} {
			if got, want := slugID(p, s), p+slug(s); got != want {
				t.Errorf("slugID(%q, %q) = %q, want %q", p, s, got, want)
			}
		}
	}
}

func FuzzSlugID(f *testing.F) {
	f.Add("Kfar Aza, Gaza-border kibbutz")
	f.Add("São Paulo")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := slugID("x:", s), "x:"+slug(s); got != want {
			t.Fatalf("slugID(%q) = %q, want %q", s, got, want)
		}
	})
}
