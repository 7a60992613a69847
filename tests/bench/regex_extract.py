#!/usr/bin/env python3
"""Baseline for the benchmarks: a plain regex extractor of SxS pairs to JSON
Lines, the way a script would do it (no block structure, no diagnostics)."""
import json
import os
import re
import sys

PAIR = re.compile(
    r'<span data-ttu-id="([^"]+)">(.*?)</span><span class="sxs-lookup">'
    r'<span data-stu-id="\1">(.*?)</span></span>', re.S)


def pages(root):
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.md'):
                yield os.path.join(base, name)


def main():
    out = sys.stdout
    for root in sys.argv[1:]:
        for path in pages(root):
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            for m in PAIR.finditer(text):
                out.write(json.dumps({'file': path, 'id': m.group(1),
                                      'source': m.group(3),
                                      'target': m.group(2)},
                                     ensure_ascii=False))
                out.write('\n')


if __name__ == '__main__':
    main()
