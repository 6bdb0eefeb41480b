#!/usr/bin/python3
"""Renders a verification page in headless Chromium and checks what a person sees.

usage: verify_page.py URL OUT_PREFIX WORDS COLOUR

Writes OUT_PREFIX.png (a 412x900 phone-sized screenshot) and OUT_PREFIX.html
(the DOM after rendering). Passes (exit 0) when the DOM's text holds WORDS and
the screenshot has a block of pixels of COLOUR (#rrggbb, the status colour,
within a small tolerance): the status is there in words and in colour.
Needs Debian's chromium and python3-pil (Debian's python3, hence the path).
"""
import re
import sys

from PIL import Image

from browser import render

MIN_PIXELS = 3000   # the status banner is about 380 x 70 pixels
TOLERANCE = 12      # per channel, for anti-aliasing and colour management


def main():
    url, prefix, words, colour = sys.argv[1:5]
    shot, dom = render(url, prefix, "412,900", ".html")
    problems = []
    text = re.sub(r"<[^>]*>", " ", dom)
    if words not in text:
        problems.append(f"the page's text lacks {words!r}")
    if "<script" in dom.lower():
        problems.append("the page holds a script")
    if shot is None:
        problems.append("no screenshot")
    else:
        want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        img = Image.open(shot).convert("RGB")
        near = sum(1 for p in img.getdata() if all(abs(a - b) <= TOLERANCE for a, b in zip(p, want)))
        if near < MIN_PIXELS:
            problems.append(f"only {near} pixels of {colour} in the screenshot")
    for p in problems:
        print(f"verify_page: {url}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
