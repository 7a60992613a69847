#!/usr/bin/env python3
"""Makes a large SxS corpus for the scale benchmark: renamed copies of the
pages of the given trees, each copy with a fresh id prefix, until the total
reaches the requested size.

usage: make_corpus.py OUT_DIR SIZE_MB TREE...
"""
import os
import re
import sys

ID = re.compile(rb'(data-[ts]tu-id=")([0-9a-f]{5})(-\d+")')


def pages(trees):
    for tree in trees:
        for base, dirs, files in os.walk(tree):
            dirs.sort()
            for name in sorted(files):
                if name.endswith('.md'):
                    yield os.path.join(base, name)


def main():
    out, size_mb, trees = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    sources = [(p, open(p, 'rb').read()) for p in pages(trees)]
    if not sources:
        sys.exit('no pages in ' + ' '.join(trees))
    want = int(size_mb * 1e6)
    written = 0
    copy = 0
    while written < want:
        folder = os.path.join(out, 'copy%04d' % copy)
        os.makedirs(folder, exist_ok=True)
        for i, (path, data) in enumerate(sources):
            if written >= want:
                break
            prefix = b'%05x' % ((copy * 7919 + i * 104729) & 0xFFFFF)
            data = ID.sub(lambda m: m.group(1) + prefix + m.group(3), data)
            name = '%05d-%s' % (i, os.path.basename(path))
            with open(os.path.join(folder, name), 'wb') as f:
                f.write(data)
            written += len(data)
        copy += 1
    print('%d bytes in %d copies' % (written, copy))


if __name__ == '__main__':
    main()
