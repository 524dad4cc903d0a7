"""Reading the man pages' roff source, for the tests in tests/man.

- blocks(path, kind): the blocks between marker comments
      .\\" example: NAME [FILE]      ...   .\\" end example
      .\\" errors                    ...   .\\" end errors
  as (name, file, text) with the roff escapes undone.
- bold_text(path): the text set in bold (\\fB...\\fR, .B, .BR, .RB, .BI,
  .IB), escapes undone, one span per line.
"""
import re

# Escapes an example may use, and what they stand for.
_ESCAPES = {
    r"\-": "-",
    r"\e": "\\",
    r"\(aq": "'",
    r"\(dq": '"',
    r"\(ga": "`",
    r"\&": "",
}


def unescape(line, strict=True):
    """The text of one roff text line.  strict: any escape not in _ESCAPES
    is an error (examples must come out exactly as written)."""
    out, i = [], 0
    while i < len(line):
        if line[i] != "\\":
            out.append(line[i])
            i += 1
            continue
        for esc, text in _ESCAPES.items():
            if line.startswith(esc, i):
                out.append(text)
                i += len(esc)
                break
        else:
            if strict:
                raise ValueError(f"unexpected roff escape in {line!r} at column {i + 1}")
            m = re.compile(r"\\(\(..|\[[^]]*\]|f.|.)").match(line, i)
            if not m:  # a backslash at the end of the line
                break
            seq = m.group(0)
            if seq.startswith(r"\f") or seq in (r"\c", r"\%"):
                pass  # font changes, joins and hyphenation marks print nothing
            elif seq == r"\ ":
                out.append(" ")
            else:
                out.append("?")
            i = m.end()
    return "".join(out)


def blocks(path, kind):
    """The marked blocks of `kind` ("example" or "errors") in the page."""
    begin = re.compile(r'^\.\\"\s*' + kind + r'(?::\s*(\S+)(?:\s+(\S+))?)?\s*$')
    end = re.compile(r'^\.\\"\s*end ' + kind + r"\s*$")
    found, current = [], None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if current is None:
                m = begin.match(line)
                if m:
                    current = (m.group(1), m.group(2), [], n)
                continue
            if end.match(line):
                found.append((current[0], current[1], "".join(l + "\n" for l in current[2])))
                current = None
                continue
            if line in (".EX", ".EE"):
                continue
            if line.startswith((".", "'")):
                raise ValueError(f"{path}:{n}: request inside a marked {kind} block: {line}")
            current[2].append(unescape(line))
    if current is not None:
        raise ValueError(f"{path}:{current[3]}: {kind} block not closed")
    return found


def _args(text):
    """The arguments of a macro line, as roff splits them."""
    args, i = [], 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        if text[i] == '"':
            i += 1
            arg = []
            while i < len(text):
                if text.startswith('""', i):
                    arg.append('"')
                    i += 2
                elif text[i] == '"':
                    i += 1
                    break
                else:
                    arg.append(text[i])
                    i += 1
            args.append("".join(arg))
        else:
            j = i
            while j < len(text) and text[j] != " ":
                j += 2 if text[j] == "\\" else 1  # "\ " does not end an argument
            args.append(text[i:j])
            i = j
    return args


_INLINE_BOLD = re.compile(r"\\fB(.*?)(?=\\f|$)")


def bold_text(path):
    """Every span set in bold in the page, escapes undone, one per line."""
    spans = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith(('.\\"', "'\\\"")):
                continue
            line = re.sub(r'\\".*$', "", line)  # trailing comment
            m = re.match(r"^[.'](B|BR|RB|BI|IB)(?:\s+(.*))?$", line)
            if m:
                macro, args = m.group(1), _args(m.group(2) or "")
                if macro == "B":
                    spans.append(unescape(" ".join(args), strict=False))
                else:
                    first = {"BR": 0, "BI": 0, "RB": 1, "IB": 1}[macro]
                    spans += [unescape(a, strict=False) for k, a in enumerate(args) if k % 2 == first]
            for span in _INLINE_BOLD.findall(line):
                spans.append(unescape(span, strict=False))
    return "\n".join(spans)
