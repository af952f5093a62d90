package clean

// DetectLanguage returns the ISO 639-1 code of s's language, or "und". (Placeholder.)
func DetectLanguage(s string) string { return "en" }
