#!/usr/bin/env python3
"""data/indicator-set.schema.json against tests/spec: one direction only.

The schema must accept every set in valid/, and reject every invalid set
whose rule a schema can express (types, required and unknown keys, enums,
ranges, patterns): the names in SCHEMA_REJECTS.  The other invalid cases
(syntax errors, duplicate keys, uniqueness, references, existing dates,
balanced markup, CSV contents, the order of the years of a range, the unit
of the parts of a whole) are for `briefing check` alone and are not
run through the schema.  Exit 77 (skipped) without python3-jsonschema.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)

SCHEMA_REJECTS = [
    "root-not-object",
    "unknown-key-root", "unknown-key-entity", "unknown-key-observation",
    "missing-key-root", "missing-key-entity", "missing-key-observation", "missing-key-indicator",
    "format-wrong", "set-id-bad", "date-wrong-form", "source-date-bad",
    "language-bad", "language-names-bad", "translations-bad",
    "summary-markup-tag", "summary-markup-ampersand",
    "entities-empty", "entities-not-array",
    "id-bad-chars", "id-leading-dash", "id-too-long",
    "kind-bad", "tile-bad",
    "percent-out-of-range", "count-negative", "count-not-integer",
    "decimals-out-of-range", "decimals-not-integer",
    "qualifier-bad", "period-bad", "period-short", "topic-not-slug",
    "wrong-types", "observations-not-array", "value-not-number", "too-many-errors",
    "better-bad", "better-contradicts", "compares-unknown", "scale-bad", "sources-both",
    "topic-no-name",
]


def load(path):
    # utf-8-sig: a leading byte-order mark is allowed by the format.
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def main():
    root = os.environ.get("SRCDIR") or os.path.join(os.path.dirname(__file__), "..", "..")
    spec = os.path.join(root, "tests", "spec")
    with open(os.path.join(root, "data", "indicator-set.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    failures = 0
    n = 0
    for name in sorted(os.listdir(os.path.join(spec, "valid"))):
        if not name.endswith(".json"):
            continue
        n += 1
        errors = list(validator.iter_errors(load(os.path.join(spec, "valid", name))))
        if errors:
            failures += 1
            print(f"not ok - valid/{name} rejected by the schema: {errors[0].message} at {list(errors[0].path)}")
        else:
            print(f"ok - valid/{name} accepted")
    for case in SCHEMA_REJECTS:
        n += 1
        path = os.path.join(spec, "invalid", case + ".json")
        if validator.is_valid(load(path)):
            failures += 1
            print(f"not ok - invalid/{case}.json accepted by the schema")
        else:
            print(f"ok - invalid/{case}.json rejected")
    print(f"{n - failures} of {n} passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
