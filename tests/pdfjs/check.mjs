// check.mjs [--pdfa] PDF...: pdf.js (pdfjs-dist, legacy build for Node)
// reads each PDF as a browser viewer would and checks what it finds:
//   - two fingerprints (the trailer's /ID), equal, 32 hex digits;
//   - a /Lang (pdf.js's info.Language), an outline whose titles are text,
//     XMP metadata that pdf.js parses, with the Info Title as dc:title;
//   - with --pdfa: Info and XMP agree (Title, Author, Subject, Producer,
//     Creator, both dates) and every link annotation has the print flag.
// Prints per file "FILE fingerprint HEX", "FILE lang TAG" and one
// "FILE outline TITLE" per bookmark, for the caller's comparisons across
// files; problems go to stderr.  Exit 0 when clean, 1 otherwise, 77 (skip)
// when pdfjs-dist is not installed (setup.sh --test installs it).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const lib = path.join(here, "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs");
if (!fs.existsSync(lib)) {
  console.error("pdfjs-dist is not installed in tests/pdfjs (run setup.sh --test): skipped");
  process.exit(77);
}
const pdfjs = await import(lib);

const args = process.argv.slice(2);
const pdfa = args.includes("--pdfa");
const files = args.filter((a) => !a.startsWith("--"));
let problems = 0;
const bad = (file, msg) => {
  console.error(`${file}: ${msg}`);
  problems++;
};

// "D:20260302000000+00'00'" as XMP writes the instant.
function xmpDate(d) {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'$/.exec(d || "");
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}` : null;
}
const first = (v) => (Array.isArray(v) ? v[0] : v) ?? null;

function titles(items, out) {
  for (const it of items || []) {
    out.push(it.title);
    titles(it.items, out);
  }
  return out;
}

for (const file of files) {
  const data = new Uint8Array(fs.readFileSync(file));
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, verbosity: 0 })
    .promise;
  const fp = doc.fingerprints;
  // pdf.js gives null for a second /ID string equal to the first.
  if (fp.length !== 2 || !/^[0-9a-f]{32}$/.test(fp[0] || "") || (fp[1] !== null && fp[1] !== fp[0]))
    bad(file, `fingerprints ${JSON.stringify(fp)}: want two equal /ID strings`);
  console.log(`${file} fingerprint ${fp[0]}`);
  const { info, metadata } = await doc.getMetadata();
  if (!info.Language) bad(file, "no /Lang");
  console.log(`${file} lang ${info.Language}`);
  if (!metadata) {
    bad(file, "no XMP metadata that pdf.js can parse");
  } else if (first(metadata.get("dc:title")) !== info.Title) {
    bad(file, `Info Title ${JSON.stringify(info.Title)} but dc:title ${JSON.stringify(metadata.get("dc:title"))}`);
  }
  const outline = titles(await doc.getOutline(), []);
  if (outline.some((t) => typeof t !== "string" || !t)) bad(file, "an outline entry without a title");
  for (const t of outline) console.log(`${file} outline ${t}`);
  if (pdfa && metadata) {
    const pairs = [
      ["Title", first(metadata.get("dc:title"))],
      ["Author", first(metadata.get("dc:creator"))],
      ["Subject", first(metadata.get("dc:description"))],
      ["Producer", metadata.get("pdf:producer")],
      ["Creator", metadata.get("xmp:creatortool")],
    ];
    for (const [key, xmp] of pairs)
      if ((info[key] ?? null) !== xmp) bad(file, `Info ${key} ${JSON.stringify(info[key])} but XMP ${JSON.stringify(xmp)}`);
    for (const [key, prop] of [["CreationDate", "xmp:createdate"], ["ModDate", "xmp:modifydate"]])
      if (!xmpDate(info[key]) || xmpDate(info[key]) !== metadata.get(prop))
        bad(file, `Info ${key} ${info[key]} but XMP ${prop} ${metadata.get(prop)}`);
    if (first(metadata.get("pdfaid:part")) !== "1" || first(metadata.get("pdfaid:conformance")) !== "B")
      bad(file, "XMP lacks pdfaid:part 1, conformance B");
    let links = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      for (const a of await page.getAnnotations()) {
        if (a.subtype !== "Link") continue;
        links++;
        if (!(a.annotationFlags & 4)) bad(file, `page ${p}: a link without the print flag (flags ${a.annotationFlags})`);
      }
    }
    console.log(`${file} links ${links}`);
  }
  await doc.destroy();
}
process.exit(problems ? 1 : 0);
