#!/usr/bin/env python3
"""pdfmeta.py [--pdfa] [--cmyk] PDF: checks what a PDF says about itself and,
with --pdfa, the PDF/A-1b requirements one by one (veraPDF's PDF/A-1b rules
as the reference; no validator is packaged for Debian 12).  Reads the file
through qpdf --json=2 (streams decoded).

Always:  trailer /ID of two equal 16-byte strings; no /Encrypt; catalog /Lang,
         /ViewerPreferences /DisplayDocTitle true, /PageMode /UseOutlines when
         there is an outline; an uncompressed /Metadata stream (/Type /Metadata
         /Subtype /XML) that XML-parses and agrees with the Info dictionary
         (Title, Author, Subject, Creator, Producer, Keywords, both dates);
         every link annotation has the print flag (/F bit 3).
--pdfa:  header %PDF-1.4; pdfaid part 1 conformance B; one /GTS_PDFA1 output
         intent whose profile is an ICC stream with /N 3 (--cmyk: 4); a CIDSet
         in every FontDescriptor holding exactly the CIDs the pages show plus 0;
         no ExtGState /CA or /ca below 1; no /SMask; no JavaScript.
Prints "id HEX", "lang TAG", "title TEXT" and one "outline LEVEL TEXT" per
bookmark on stdout (for the caller's comparisons across files); problems go to
stderr, one a line.  Exit 0 when clean, 1 otherwise."""
import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}

problems = []


def bad(msg):
    problems.append(msg)


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                          "--decode-level=generalized", path], check=True, capture_output=True).stdout
    return json.loads(out)["qpdf"][1]


class Doc:
    def __init__(self, objects):
        self.o = objects

    def get(self, v):
        """Follows a reference; a stream comes back as its dictionary."""
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            e = self.o.get("obj:" + v, {})
            return e["stream"]["dict"] if "stream" in e else e.get("value")
        return v

    def stream(self, ref):
        e = self.o.get("obj:" + ref, {})
        s = e.get("stream")
        return (s["dict"], base64.b64decode(s.get("data", ""))) if s else (None, b"")


def text(v):
    """A PDF string of qpdf's JSON as text (u: text, b: bytes)."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return None


def xmp_date(info_date):
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'", info_date or "")
    if not m:
        return None
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"


def check_metadata(doc, catalog, info):
    ref = catalog.get("/Metadata")
    if not ref:
        bad("catalog: no /Metadata")
        return None
    d, data = doc.stream(ref)
    if d is None:
        bad("/Metadata is not a stream")
        return None
    if d.get("/Type") != "/Metadata" or d.get("/Subtype") != "/XML":
        bad(f"/Metadata: /Type {d.get('/Type')} /Subtype {d.get('/Subtype')}, want /Metadata /XML")
    if "/Filter" in d:
        bad("/Metadata is compressed")
    try:
        root = ET.fromstring(data.decode("utf-8"))
    except (ET.ParseError, UnicodeDecodeError) as e:
        bad(f"XMP does not parse: {e}")
        return None

    def one(path):
        el = root.find(".//" + path, NS)
        return el.text if el is not None else None

    def alt(prop):
        el = root.find(f".//{prop}/rdf:Alt/rdf:li[@{{http://www.w3.org/XML/1998/namespace}}lang='x-default']", NS)
        return el.text if el is not None else None

    pairs = [("/Title", alt("dc:title")), ("/Author", one("dc:creator/rdf:Seq/rdf:li")),
             ("/Subject", alt("dc:description")), ("/Creator", one("xmp:CreatorTool")),
             ("/Producer", one("pdf:Producer")), ("/Keywords", one("pdf:Keywords"))]
    for key, xmp in pairs:
        if text(info.get(key)) != xmp:
            bad(f"Info {key} {text(info.get(key))!r} but XMP {xmp!r}")
    if not text(info.get("/Title")):
        bad("Info has no /Title")
    for key, prop in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
        want = xmp_date(text(info.get(key)))
        if want is None or one(prop) != want:
            bad(f"Info {key} {text(info.get(key))!r} but XMP {prop} {one(prop)!r}")
    if one("xmp:MetadataDate") != one("xmp:ModifyDate"):
        bad("xmp:MetadataDate differs from xmp:ModifyDate")
    lang = text(catalog.get("/Lang"))
    if lang and one("dc:language/rdf:Bag/rdf:li") != lang:
        bad(f"dc:language {one('dc:language/rdf:Bag/rdf:li')!r} but /Lang {lang!r}")
    # One entry per alternative: pdf.js joins them all into one string.
    for prop in ("dc:title", "dc:description"):
        n = len(root.findall(f".//{prop}/rdf:Alt/rdf:li", NS))
        if n > 1:
            bad(f"{prop} has {n} entries")
    return root


def outline(doc, catalog):
    entries = []
    top = doc.get(catalog.get("/Outlines"))
    if not top:
        return entries

    def walk(ref, level):
        seen = 0
        while ref and seen < 10000:
            item = doc.get(ref)
            entries.append((level, text(item.get("/Title"))))
            if "/First" in item:
                walk(item["/First"], level + 1)
            ref = item.get("/Next")
            seen += 1

    walk(top.get("/First"), 0)
    return entries


def used_codes(doc, page, fonts_used):
    """Adds the codes each font shows on the page: the content's Tf and <hex> Tj."""
    res = doc.get(page.get("/Resources")) or {}
    fonts = doc.get(res.get("/Font")) or {}
    contents = page.get("/Contents")
    refs = contents if isinstance(contents, list) else [contents]
    current = None
    for ref in refs:
        _, data = doc.stream(ref)
        for m in re.finditer(rb"/(\S+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj", data):
            if m.group(1) is not None:
                current = fonts.get("/" + m.group(1).decode())
            elif current:
                h = m.group(2).decode()
                fonts_used.setdefault(current, set()).update(int(h[i:i + 4], 16) for i in range(0, len(h), 4))


def check_pdfa(path, doc, catalog, root, cmyk):
    with open(path, "rb") as f:
        head = f.read(9)
    if head != b"%PDF-1.4\n":
        bad(f"header {head!r}, want %PDF-1.4")
    if root is not None:
        part = root.find(".//pdfaid:part", NS)
        conf = root.find(".//pdfaid:conformance", NS)
        if part is None or part.text != "1" or conf is None or conf.text != "B":
            bad("XMP lacks pdfaid:part 1 / pdfaid:conformance B")
    intents = doc.get(catalog.get("/OutputIntents")) or []
    if len(intents) != 1:
        bad(f"{len(intents)} output intents, want 1")
    for it in intents:
        it = doc.get(it)
        if it.get("/S") != "/GTS_PDFA1":
            bad(f"output intent /S {it.get('/S')}")
        d, icc = doc.stream(it.get("/DestOutputProfile", ""))
        want = 4 if cmyk else 3
        if d is None or d.get("/N") != want:
            bad(f"output profile /N {d and d.get('/N')}, want {want}")
        if icc[36:40] != b"acsp" or icc[8] >= 4:
            bad("output profile is not an ICC profile of version 2 or 3")
    # Every object: ExtGStates, masks, annotations, fonts, JavaScript.
    fonts_used = {}
    for key, e in doc.o.items():
        v = e["stream"]["dict"] if "stream" in e else e.get("value")
        if not isinstance(v, dict):
            continue
        for k in ("/CA", "/ca"):
            if k in v and v[k] < 1:
                bad(f"{key}: {k} {v[k]} (transparency)")
        if "/SMask" in v and v["/SMask"] != "/None":
            bad(f"{key}: /SMask")
        if "/JS" in v or v.get("/S") == "/JavaScript" or "/JavaScript" in v:
            bad(f"{key}: JavaScript")
        if v.get("/Type") == "/Page":
            used_codes(doc, v, fonts_used)
    for font_ref, codes in fonts_used.items():
        font = doc.get(font_ref)
        cid = doc.get((font.get("/DescendantFonts") or [None])[0]) or {}
        desc = doc.get(cid.get("/FontDescriptor")) or {}
        if "/CIDSet" not in desc:
            bad(f"font {font.get('/BaseFont')}: no /CIDSet")
            continue
        _, bits = doc.stream(desc["/CIDSet"])
        in_set = {i for i in range(8 * len(bits)) if bits[i // 8] & (0x80 >> (i % 8))}
        if in_set != codes | {0}:
            bad(f"font {font.get('/BaseFont')}: CIDSet has {len(in_set)} CIDs, the pages show "
                f"{len(codes | {0})} (with 0); differing: {sorted(in_set ^ (codes | {0}))[:10]}")
    if not fonts_used:
        bad("no text found in the pages (the CIDSet check would prove nothing)")


def main(argv):
    pdfa = "--pdfa" in argv
    cmyk = "--cmyk" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = paths[0]
    doc = Doc(load(path))
    trailer = doc.o["trailer"]["value"]
    catalog = doc.get(trailer["/Root"])
    info = doc.get(trailer.get("/Info")) or {}
    ids = trailer.get("/ID") or []
    if len(ids) != 2 or ids[0] != ids[1] or not str(ids[0]).startswith("b:") or len(ids[0]) != 34:
        bad(f"trailer /ID {ids}: want two equal 16-byte strings")
    if "/Encrypt" in trailer:
        bad("encrypted")
    lang = text(catalog.get("/Lang"))
    if not lang:
        bad("catalog: no /Lang")
    prefs = doc.get(catalog.get("/ViewerPreferences")) or {}
    if prefs.get("/DisplayDocTitle") is not True:
        bad("catalog: no /ViewerPreferences /DisplayDocTitle true")
    marks = outline(doc, catalog)
    if marks and catalog.get("/PageMode") != "/UseOutlines":
        bad(f"outline but /PageMode {catalog.get('/PageMode')}")
    root = check_metadata(doc, catalog, info)
    for key, e in doc.o.items():
        v = e.get("value")
        if isinstance(v, dict) and v.get("/Subtype") == "/Link" and not (v.get("/F", 0) & 4):
            bad(f"{key}: link annotation without the print flag (/F {v.get('/F')})")
    if pdfa:
        check_pdfa(path, doc, catalog, root, cmyk)
    print("id", ids[0][2:] if ids else "")
    print("lang", lang)
    print("title", text(info.get("/Title")))
    for level, title in marks:
        print("outline", level, title)
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
