#!/usr/bin/env python3
"""check_layers.py [RENDER_DIR]: the layers of render/ include only downward.

render/ has one folder per layer (render/README.md).  A file may include
  - headers of its own layer and of the layers its layer may use (LAYERS),
  - the public header briefing.h (the API's types, as Cairo's internal
    headers include cairo.h) and the generated br_config.h,
  - system headers, of which some libraries belong to one layer alone
    (OWNERS): no chart or layout file may include cairo.h or hpdf.h.
Prints one line per violation and exits 1 when there is any.  With
--self-test it first checks that it catches planted violations."""
import os
import re
import sys
import tempfile

LAYERS = {
    'base': [],
    'io': ['base'],
    'model': ['base', 'io'],
    'i18n': ['base'],
    'device': ['base'],
    'text': ['base', 'device'],
    'backends': ['base', 'device', 'text'],
    'charts': ['base', 'model', 'i18n', 'text', 'device'],
    'print': ['base', 'device'],
    'layout': ['base', 'io', 'model', 'i18n', 'text', 'device', 'charts'],
    'api': ['base', 'io', 'model', 'i18n', 'device', 'text', 'backends', 'charts', 'layout', 'print'],
    'batch': [],
    'cli': ['batch'],
    'include': [],
}
ALWAYS = {'briefing.h'}  # the public API's declarations
CONFIG = {'br_config.h'}  # generated: version and install paths
CONFIG_USERS = {'api', 'cli'}

# System libraries and the layers (or files) that alone may include them.
OWNERS = [
    (re.compile(r'^hpdf'), {'backends'}),
    (re.compile(r'^cairo'), {'backends', 'io/image.c', 'device/path.c'}),
    (re.compile(r'^(pango|fontconfig|ft2build|freetype)'), {'text', 'backends'}),
    (re.compile(r'^(hb|harfbuzz)'), {'text', 'backends'}),
    (re.compile(r'^cjson'), {'io'}),
    (re.compile(r'^nettle'), {'base/digest.c'}),
    (re.compile(r'^libsoup'), {'cli'}),
]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def check(root):
    problems = []
    for layer in sorted(os.listdir(root)):
        ldir = os.path.join(root, layer)
        if not os.path.isdir(ldir):
            continue
        if layer not in LAYERS:
            problems.append(f'{layer}/: a folder that is not a layer (add it to render/README.md and LAYERS)')
            continue
        for name in sorted(os.listdir(ldir)):
            if not name.endswith(('.c', '.h')):
                continue
            rel = f'{layer}/{name}'
            with open(os.path.join(ldir, name), encoding='utf-8') as f:
                for no, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, inc = m.groups()
                    where = f'render/{rel}:{no}'
                    if kind == '"':
                        if inc in ALWAYS:
                            continue
                        if inc in CONFIG:
                            if layer not in CONFIG_USERS:
                                problems.append(f'{where}: {layer}/ includes the build configuration "{inc}"')
                            continue
                        if '/' not in inc:
                            problems.append(f'{where}: "{inc}" names no layer (write "layer/{inc}")')
                            continue
                        target = inc.split('/')[0]
                        if target == layer:
                            continue
                        if target not in LAYERS:
                            problems.append(f'{where}: "{inc}" is in no layer')
                        elif target not in LAYERS[layer]:
                            problems.append(f'{where}: {layer}/ may not include {target}/ ("{inc}")')
                    else:
                        for pattern, owners in OWNERS:
                            if pattern.match(inc) and layer not in owners and rel not in owners:
                                problems.append(f'{where}: {layer}/ may not include <{inc}> '
                                                f'(only {", ".join(sorted(owners))})')
    return problems


def self_test():
    bad = {
        'charts/x.c': '#include <cairo.h>\n',
        'layout/y.c': '#include <hpdf.h>\n',
        'base/z.c': '#include "charts/chart.h"\n',
        'model/m.c': '#include "layout/layout.h"\n',
        'device/d.c': '#include "nolayer.h"\n',
        'cli/c.c': '#include "charts/chart.h"\n',
        'io/j.c': '#include "br_config.h"\n',
        'batch/b.c': '#include "api/writer.h"\n',
        'cli/d.c': '#include "io/json_in.h"\n',
    }
    good = {
        'charts/ok.c': '#include "charts/chart.h"\n#include "model/model.h"\n#include "briefing.h"\n#include <glib.h>\n',
        'backends/ok.c': '#include <hpdf.h>\n#include <cairo.h>\n#include "text/text.h"\n',
        'cli/ok.c': '#include <briefing.h>\n#include "cli/cli.h"\n#include "br_config.h"\n#include "batch/jobs.h"\n',
        'batch/ok.c': '#include <briefing.h>\n#include "batch/jobs.h"\n#include <glib.h>\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in {**bad, **good}.items():
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), 'w') as f:
                f.write(text)
        found = check(tmp)
    missed = [rel for rel in bad if not any(f'render/{rel}:' in p for p in found)]
    wrong = [p for p in found if any(f'render/{rel}:' in p for rel in good)]
    if missed or wrong:
        for rel in missed:
            print(f'self-test: a planted violation in {rel} was not found')
        for p in wrong:
            print(f'self-test: a good file was flagged: {p}')
        return False
    print(f'self-test: {len(bad)} planted violations found, {len(good)} good files pass')
    return True


def main():
    args = [a for a in sys.argv[1:] if a != '--self-test']
    if '--self-test' in sys.argv and not self_test():
        return 1
    root = args[0] if args else os.path.join(os.path.dirname(__file__), '..', '..', 'render')
    problems = check(root)
    for p in problems:
        print(p)
    files = sum(len([n for n in fs if n.endswith(('.c', '.h'))]) for _, _, fs in os.walk(root))
    print(f'{len(problems)} layer violations in {files} files')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
