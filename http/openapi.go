package http

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// CheckResponse validates one API response against the embedded OpenAPI document: the operation
// for method and path (a URL or a path under /api/v1, query string allowed) must exist, declare
// the status, and the JSON body must match the declared schema. It implements the subset of
// JSON Schema the document uses: $ref, type, nullable, properties, required, items, enum and
// allOf. Tests use it to keep the document and the handlers in step.
func CheckResponse(method, path string, status int, body []byte) error {
	doc, err := loadSpec()
	if err != nil {
		return err
	}
	if u, err := url.Parse(path); err == nil {
		path = u.Path
	}
	path = strings.TrimPrefix(path, "/api/v1")
	op, err := doc.operation(strings.ToLower(method), path)
	if err != nil {
		return err
	}
	responses, _ := op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(status)]
	if !ok {
		return fmt.Errorf("%s %s: status %d not declared", method, path, status)
	}
	r, err := doc.resolve(resp)
	if err != nil {
		return err
	}
	content, _ := r["content"].(map[string]any)
	media, ok := content["application/json"].(map[string]any)
	if !ok {
		if len(content) == 0 && len(body) > 0 && strings.TrimSpace(string(body)) != "" {
			return fmt.Errorf("%s %s %d: body not declared", method, path, status)
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("%s %s %d: invalid JSON: %w", method, path, status, err)
	}
	if err := doc.validate(media["schema"], v, "$"); err != nil {
		return fmt.Errorf("%s %s %d: %w", method, path, status, err)
	}
	return nil
}

type spec map[string]any

var (
	specOnce sync.Once
	specDoc  spec
	specErr  error
)

func loadSpec() (spec, error) {
	specOnce.Do(func() {
		specErr = json.Unmarshal(openapiJSON, &specDoc)
	})
	return specDoc, specErr
}

// operation finds the operation whose path template matches path.
func (d spec) operation(method, path string) (map[string]any, error) {
	paths, _ := d["paths"].(map[string]any)
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, k := range keys {
		tsegs := strings.Split(strings.Trim(k, "/"), "/")
		if len(tsegs) != len(segs) {
			continue
		}
		match := true
		for i := range tsegs {
			if !strings.HasPrefix(tsegs[i], "{") && tsegs[i] != segs[i] {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		item, _ := paths[k].(map[string]any)
		if op, ok := item[method].(map[string]any); ok {
			return op, nil
		}
		return nil, fmt.Errorf("%s %s: method not declared", method, path)
	}
	return nil, fmt.Errorf("%s %s: path not declared", method, path)
}

// resolve follows a local $ref.
func (d spec) resolve(v any) (map[string]any, error) {
	m, _ := v.(map[string]any)
	for i := 0; i < 10 && m != nil; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		var cur any = map[string]any(d)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cm, _ := cur.(map[string]any)
			cur = cm[part]
		}
		if m, _ = cur.(map[string]any); m == nil {
			return nil, fmt.Errorf("unresolved $ref %s", ref)
		}
	}
	if m == nil {
		return nil, fmt.Errorf("schema is not an object")
	}
	return m, nil
}

func (d spec) validate(schema, v any, at string) error {
	s, err := d.resolve(schema)
	if err != nil {
		return err
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			if err := d.validate(sub, v, at); err != nil {
				return err
			}
		}
	}
	if v == nil {
		if nb, _ := s["nullable"].(bool); nb || s["type"] == nil {
			return nil
		}
		return fmt.Errorf("%s: null, want %v", at, s["type"])
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("%s: %v not in %v", at, v, enum)
		}
	}
	switch t, _ := s["type"].(string); t {
	case "":
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: %T, want object", at, v)
		}
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := m[r.(string)]; !ok {
				return fmt.Errorf("%s: required property %q missing", at, r)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, pv := range m {
			if ps, ok := props[k]; ok {
				if err := d.validate(ps, pv, at+"."+k); err != nil {
					return err
				}
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: %T, want array", at, v)
		}
		for i, e := range a {
			if err := d.validate(s["items"], e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: %T, want string", at, v)
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return fmt.Errorf("%s: %v, want integer", at, v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return fmt.Errorf("%s: %T, want number", at, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %T, want boolean", at, v)
		}
	default:
		return fmt.Errorf("%s: unsupported schema type %q", at, t)
	}
	return nil
}
