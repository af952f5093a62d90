package clean_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
)

// cleanRaw cleans raw flattened text (with an optional record title) and returns the article.
func cleanRaw(t testing.TB, raw, title string) *sitrep.Article {
	t.Helper()
	a := &sitrep.Article{Raw: raw, RawFormat: "text", Title: title}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return a
}

func reasonOf(a *sitrep.Article, text string) string {
	for _, r := range a.Removed {
		if r.Text == text {
			return r.Reason
		}
	}
	return ""
}

// A made-up article in the shape of a scraped news page, written for these tests.
const pageRaw = `Skip to content
Home
World
Politics
Daily Ledger dailyledger.com

Harbour city council approves new flood barrier after months of debate

By Maria Keller
March 3, 2025 10:15 AM

ROTTERDAM -- The city council voted on Tuesday to build a movable flood barrier across the old harbour, ending a debate that had split the governing coalition since the autumn.

The barrier will cost about 240 million euros and should be finished by 2029, the council said in a statement. Opponents had argued that the money would be better spent on raising the dikes further upstream.

Workers inspect the old sluice gate in January. Photo: Jan de Vries/ANP

SHIPPING FIRMS WARN OF DELAYS AS PORT STRIKE ENTERS SECOND WEEK

"We have waited long enough," the deputy mayor told reporters after the vote. She said construction could start next year if the national government approves its share of the funding.

Residents of the low-lying districts near the river welcomed the decision.

Share this article
Share on Facebook
Sign up for our morning newsletter
Related articles
© 2025 Daily Ledger Media. All rights reserved.
flooding`

func TestCleanTextPage(t *testing.T) {
	a := cleanRaw(t, pageRaw, "")
	t.Run("Title", func(t *testing.T) {
		if got, want := a.Title, "Harbour city council approves new flood barrier after months of debate"; got != want {
			t.Fatalf("Title=%q, want %q", got, want)
		}
	})
	t.Run("Dateline", func(t *testing.T) {
		if got, want := a.Dateline, "ROTTERDAM"; got != want {
			t.Fatalf("Dateline=%q, want %q", got, want)
		}
		if !strings.HasPrefix(a.Text, "The city council voted on Tuesday") {
			t.Fatalf("Text starts %.40q", a.Text)
		}
	})
	t.Run("Body", func(t *testing.T) {
		want := strings.Join([]string{
			"The city council voted on Tuesday to build a movable flood barrier across the old harbour, ending a debate that had split the governing coalition since the autumn.",
			"The barrier will cost about 240 million euros and should be finished by 2029, the council said in a statement. Opponents had argued that the money would be better spent on raising the dikes further upstream.",
			"\"We have waited long enough,\" the deputy mayor told reporters after the vote. She said construction could start next year if the national government approves its share of the funding.",
			"Residents of the low-lying districts near the river welcomed the decision.",
		}, "\n\n")
		if a.Text != want {
			t.Fatalf("Text=\n%s\nwant\n%s", a.Text, want)
		}
	})
	t.Run("Reasons", func(t *testing.T) {
		for _, tt := range []struct{ line, reason string }{
			{"Skip to content", clean.ReasonChrome},
			{"Daily Ledger dailyledger.com", clean.ReasonBanner},
			{"By Maria Keller", clean.ReasonByline},
			{"March 3, 2025 10:15 AM", clean.ReasonMeta},
			{"Workers inspect the old sluice gate in January. Photo: Jan de Vries/ANP", clean.ReasonCredit},
			{"SHIPPING FIRMS WARN OF DELAYS AS PORT STRIKE ENTERS SECOND WEEK", clean.ReasonPromo},
			{"Sign up for our morning newsletter", clean.ReasonChrome},
			{"© 2025 Daily Ledger Media. All rights reserved.", clean.ReasonFooter},
			{"flooding", clean.ReasonTrailing},
			{"ROTTERDAM --", clean.ReasonDateline},
		} {
			if got := reasonOf(a, tt.line); got != tt.reason {
				t.Errorf("%q removed for %q, want %q", tt.line, got, tt.reason)
			}
		}
	})
}

func TestCleanTextBreadcrumb(t *testing.T) {
	raw := "Home / World / Middle East\nTalks on water sharing resume after two-year pause\nThe two governments resumed talks on sharing the river's water on Monday, after a pause of two years."
	a := cleanRaw(t, raw, "")
	if got, want := a.Title, "Talks on water sharing resume after two-year pause"; got != want {
		t.Fatalf("Title=%q, want %q", got, want)
	}
}

func TestCleanTextRecordTitle(t *testing.T) {
	raw := "Ministers agree on grain deal\n\nThe agriculture ministers of the five countries agreed on Friday to extend the grain export arrangement for another year.\n\nMinisters agree on grain deal\n\nThe deal covers wheat, maize and barley shipped through the northern ports."
	a := cleanRaw(t, raw, "Ministers agree on grain deal")
	if got, want := a.Title, "Ministers agree on grain deal"; got != want {
		t.Fatalf("Title=%q, want %q", got, want)
	}
	if strings.Contains(a.Text, "Ministers agree") {
		t.Fatalf("title line left in Text: %q", a.Text)
	}
	if got, want := reasonOf(a, "Ministers agree on grain deal"), clean.ReasonTitle; got != want {
		t.Fatalf("reason=%q, want %q", got, want)
	}
}

// Body sentences that mention chrome words, look like captions or are short must survive.
func TestCleanTextKeepsSentences(t *testing.T) {
	body := []string{
		"The company said it would stop using tracking cookies on its news sites by the end of the year.",
		"Readers who subscribe to the printed edition will keep access to the archive, the publisher said.",
		"He declined to comment.",
		"The photo agency AFP said two of its photographers had been detained overnight in the capital.",
		"Asked whether talks would resume, the envoy said: \"Not this week.\"",
		"Share prices fell by 4 percent in early trading in Frankfurt after the announcement.",
	}
	raw := "Publisher drops tracking cookies\n\n" + strings.Join(body, "\n\n")
	a := cleanRaw(t, raw, "")
	for _, s := range body {
		if !strings.Contains(a.Text, s) {
			t.Errorf("lost %q", s)
		}
	}
	if got, want := a.Title, "Publisher drops tracking cookies"; got != want {
		t.Errorf("Title=%q, want %q", got, want)
	}
}

// A first line that is a sentence is body, not a title; a title-case word before a dash that is
// not a place is not a dateline.
func TestCleanTextNoTitle(t *testing.T) {
	raw := "Officials confirmed on Monday that the border crossing would reopen to trucks carrying food.\nMartinez – who leads the customs union – said inspections would take about an hour per vehicle.\nThe crossing had been closed for three weeks."
	a := cleanRaw(t, raw, "")
	if a.Title != "" {
		t.Errorf("Title=%q, want none", a.Title)
	}
	if a.Dateline != "" {
		t.Errorf("Dateline=%q, want none", a.Dateline)
	}
	if got := strings.Count(a.Text, "\n\n"); got != 2 {
		t.Errorf("paragraphs=%d, want 3:\n%s", got+1, a.Text)
	}
}

func TestCleanTextDatelines(t *testing.T) {
	for _, tt := range []struct{ first, place, rest string }{
		{"WASHINGTON -- The Senate voted on Friday to pass the spending bill before the deadline.", "WASHINGTON", "The Senate"},
		{"NEW YORK, N.Y. (Reuters) — Stocks rose on Wednesday after the central bank held its rate.", "NEW YORK, N.Y.", "Stocks rose"},
		{"Jerusalem – The cabinet met late on Thursday to discuss the ceasefire proposal in detail.", "Jerusalem", "The cabinet"},
		{"Washington D.C. – The two leaders met at the White House for more than two hours on Monday.", "Washington D.C.", "The two leaders"},
		{"NEW DELHI: The government announced a new subsidy for farmers on Tuesday after protests.", "NEW DELHI", "The government"},
		{"Brown – the party's candidate – said on Sunday that she would contest the result in court.", "", "Brown –"},
		{"LONDON, Nov 20 (Reuters) - Oil prices fell for a third day on Wednesday as stocks in the United States rose.", "LONDON", "Oil prices"},
		{"WASHINGTON —\nThe Senate voted on Friday to pass the spending bill before the deadline.", "WASHINGTON", "The Senate"},
	} {
		a := cleanRaw(t, tt.first+"\n\nThe second paragraph has enough words to be a body paragraph as well.", "")
		if a.Dateline != tt.place {
			t.Errorf("%.30q: Dateline=%q, want %q", tt.first, a.Dateline, tt.place)
		}
		if !strings.HasPrefix(a.Text, tt.rest) {
			t.Errorf("%.30q: Text starts %.30q, want %q", tt.first, a.Text, tt.rest)
		}
	}
}

// Hard-wrapped text is unwrapped into paragraphs instead of being judged line by line.
func TestCleanTextHardWrapped(t *testing.T) {
	raw := "The committee published its report on the collapse of the bridge on\nWednesday, concluding that inspections had been skipped for years and\nthat warnings from engineers were ignored by the regional authority.\n\nThe minister said she accepted all of the recommendations."
	a := cleanRaw(t, raw, "")
	want := "The committee published its report on the collapse of the bridge on Wednesday, concluding that inspections had been skipped for years and that warnings from engineers were ignored by the regional authority.\n\nThe minister said she accepted all of the recommendations."
	if a.Text != want {
		t.Fatalf("Text=%q, want %q", a.Text, want)
	}
}

// Non-English text is not judged by English stopwords: its body survives.
func TestCleanTextOtherLanguages(t *testing.T) {
	for name, body := range map[string]string{
		"de": "Die Regierung hat am Montag angekündigt, dass die Grenzkontrollen für weitere sechs Monate verlängert werden.\n\nDie Opposition kritisierte die Entscheidung und forderte eine Debatte im Parlament.",
		"es": "El gobierno anunció el lunes que los controles fronterizos se prolongarán durante otros seis meses.\n\nLa oposición criticó la decisión y pidió un debate en el parlamento sobre las medidas.",
		"ja": "政府は月曜日、国境管理をさらに六か月延長すると発表した。\n\n野党はこの決定を批判し、国会での審議を求めた。",
	} {
		a := cleanRaw(t, "Home\nNews\n\n"+body+"\n\nShare", "")
		if a.Text != body {
			t.Errorf("%s: Text=%q, want %q", name, a.Text, body)
		}
	}
}

func TestCleanTextEmpty(t *testing.T) {
	for _, raw := range []string{"", "\n\n  \n", "Search\nMenu\n"} {
		a := cleanRaw(t, raw, "")
		if a.Text != "" {
			t.Errorf("%q: Text=%q, want empty", raw, a.Text)
		}
	}
}

// An agency-style story: caption, credit and advertisement lines inside the body, a short closing
// sentence and a copyright footer.
const agencyRaw = `Storm knocks out power to thousands along the coast
By JANE MOORE, Associated Press
Updated 10:32 AM EST, Tue November 19, 2024
BOSTON (AP) — A powerful storm knocked out power to more than 200,000 homes along the coast on Tuesday and forced the closure of several bridges, officials said.
FILE - Utility crews repair a line in Quincy, Mass., on Oct. 3, 2023. (AP Photo/Sam Reed, File)
Advertisement
Wind gusts of up to 90 miles per hour were recorded on the outer islands, where ferry service was suspended until at least Wednesday morning.
Read more: How utilities prepare for winter storms
Utility companies said they had brought in crews from three neighbouring states and expected most customers to have power back within two days.
Nobody was hurt.
Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`

func TestCleanTextAgencyStory(t *testing.T) {
	a := cleanRaw(t, agencyRaw, "")
	want := strings.Join([]string{
		"A powerful storm knocked out power to more than 200,000 homes along the coast on Tuesday and forced the closure of several bridges, officials said.",
		"Wind gusts of up to 90 miles per hour were recorded on the outer islands, where ferry service was suspended until at least Wednesday morning.",
		"Utility companies said they had brought in crews from three neighbouring states and expected most customers to have power back within two days.",
		"Nobody was hurt.",
	}, "\n\n")
	if a.Text != want {
		t.Fatalf("Text=\n%s\nwant\n%s\nremoved %+v", a.Text, want, a.Removed)
	}
	if got, want := a.Title, "Storm knocks out power to thousands along the coast"; got != want {
		t.Errorf("Title=%q, want %q", got, want)
	}
	if got, want := a.Dateline, "BOSTON"; got != want {
		t.Errorf("Dateline=%q, want %q", got, want)
	}
	for _, tt := range []struct{ line, reason string }{
		{"By JANE MOORE, Associated Press", clean.ReasonByline},
		{"FILE - Utility crews repair a line in Quincy, Mass., on Oct. 3, 2023. (AP Photo/Sam Reed, File)", clean.ReasonCredit},
		{"Advertisement", clean.ReasonChrome},
		{"Read more: How utilities prepare for winter storms", clean.ReasonChrome},
	} {
		if got := reasonOf(a, tt.line); got != tt.reason {
			t.Errorf("%q removed for %q, want %q", tt.line, got, tt.reason)
		}
	}
}

// A very short article has no long paragraph; its sentences are kept all the same.
func TestCleanTextShortArticle(t *testing.T) {
	raw := "Menu\nThe bridge reopened on Monday.\nTraffic is flowing again.\nShare"
	a := cleanRaw(t, raw, "")
	if got, want := a.Text, "The bridge reopened on Monday.\n\nTraffic is flowing again."; got != want {
		t.Fatalf("Text=%q, want %q", got, want)
	}
}

func TestCleanTextBylineAuthor(t *testing.T) {
	if got, want := cleanRaw(t, agencyRaw, "").Author, "JANE MOORE"; got != want {
		t.Errorf("Author=%q, want %q", got, want)
	}
	a := &sitrep.Article{Raw: agencyRaw, RawFormat: "text", Author: "Given Name"}
	if err := clean.New(clean.DefaultOptions()).Clean(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if got, want := a.Author, "Given Name"; got != want {
		t.Errorf("Author=%q, want %q (record author kept)", got, want)
	}
}

// A story with a list, inline widgets between paragraphs and a contribution line: every sentence
// and list item survives; the widgets go.
const widgetRaw = `World News
Middle East
Ceasefire talks resume in Cairo as mediators press both sides
Published November 3, 2024 4:12pm EST
CAIRO – Negotiators returned to Cairo on Sunday for a new round of talks aimed at securing a ceasefire, two officials familiar with the discussions said.
Advertisement
The mediators, Egypt and Qatar, have proposed a phased plan. It includes:
A six-week pause in fighting
The release of 30 hostages
More aid trucks at the border
"We are closer than we have been in months," one official said.
RELATED: Hostage families rally outside parliament as talks stall
The delegations are expected to stay in Cairo until Tuesday. A senior official said the sides still disagree over the sequencing of the releases.
CLICK HERE TO GET THE NEWS APP
Reuters contributed to this report.
Topics: Israel, Egypt, Qatar`

func TestCleanTextInlineWidgets(t *testing.T) {
	a := cleanRaw(t, widgetRaw, "")
	want := strings.Join([]string{
		"Negotiators returned to Cairo on Sunday for a new round of talks aimed at securing a ceasefire, two officials familiar with the discussions said.",
		"The mediators, Egypt and Qatar, have proposed a phased plan. It includes:",
		"A six-week pause in fighting",
		"The release of 30 hostages",
		"More aid trucks at the border",
		"\"We are closer than we have been in months,\" one official said.",
		"The delegations are expected to stay in Cairo until Tuesday. A senior official said the sides still disagree over the sequencing of the releases.",
		"Reuters contributed to this report.",
	}, "\n\n")
	if a.Text != want {
		t.Fatalf("Text=\n%s\nwant\n%s\nremoved %+v", a.Text, want, a.Removed)
	}
	for _, line := range []string{"Advertisement", "RELATED: Hostage families rally outside parliament as talks stall", "CLICK HERE TO GET THE NEWS APP", "Topics: Israel, Egypt, Qatar"} {
		if got := reasonOf(a, line); got != clean.ReasonChrome {
			t.Errorf("%q removed for %q, want chrome", line, got)
		}
	}
}
