#!/usr/bin/env python3
"""The man pages stay complete: every key, enumerated value and constant
that data/indicator-set.schema.json defines is named in bold in
man/briefing-set.5, and every one of data/layout.schema.json (top-level
keys, block types, chart kinds and their options, page sizes, ...) plus
every {placeholder} its description lists in man/briefing-layout.5; the
same for data/build.schema.json in man/briefing-build.5.
Fails listing the missing names."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roff  # noqa: E402

src = os.environ["SRCDIR"]


def schema_names(node, out):
    """Property names, string enum values and string constants, anywhere."""
    if isinstance(node, dict):
        for key in node.get("properties", {}):
            out.setdefault(key, "key")
        for value in node.get("enum", []):
            if isinstance(value, str):
                out.setdefault(value, "value")
        if isinstance(node.get("const"), str):
            out.setdefault(node["const"], "constant")
        for value in node.values():
            schema_names(value, out)
    elif isinstance(node, list):
        for value in node:
            schema_names(value, out)
    return out


def check(schema_file, page_file, extra=()):
    schema = json.load(open(os.path.join(src, "data", schema_file)))
    names = schema_names(schema, {})
    for name in extra:
        names.setdefault(name, "placeholder")
    bold = roff.bold_text(os.path.join(src, "man", page_file))
    missing = [(kind, name) for name, kind in sorted(names.items())
               if not re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", bold)]
    for kind, name in missing:
        print(f"FAIL: man/{page_file} does not name the {kind} {name!r} of data/{schema_file} in bold")
    print(f"man/{page_file}: {len(names) - len(missing)} of {len(names)} names of data/{schema_file}")
    return not missing


layout_schema = json.load(open(os.path.join(src, "data", "layout.schema.json")))
placeholders = re.findall(r"\{[a-z]+\}", layout_schema.get("description", ""))
if not placeholders:
    print("FAIL: data/layout.schema.json's description lists no {placeholders}")
    sys.exit(1)
ok = check("indicator-set.schema.json", "briefing-set.5")
ok = check("layout.schema.json", "briefing-layout.5", placeholders) and ok
ok = check("batch-report.schema.json", "briefing.1") and ok
build_schema = json.load(open(os.path.join(src, "data", "build.schema.json")))
build_placeholders = re.findall(r"\{[a-z]+\}", build_schema.get("description", ""))
ok = check("build.schema.json", "briefing-build.5", build_placeholders) and ok
sys.exit(0 if ok else 1)
