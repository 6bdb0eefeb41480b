#!/usr/bin/python3
"""Renders a saved report page in headless Chromium and checks what a reader sees.

usage: report_page.py HTML_FILE OUT_PREFIX WORDS...

Writes OUT_PREFIX.png (an A4-wide 794x1123 screenshot) and OUT_PREFIX.dom.html
(the DOM after rendering). Passes (exit 0) when the DOM's text (tags removed,
entities decoded) holds every one of WORDS, the DOM holds no script element,
and the screenshot is not blank (enough dark pixels for a title and tables).
The report needs a bearer token, so the test saves it with curl and the
browser opens the file. Needs Debian's chromium and python3-pil.
"""
import html
import os
import re
import sys

from PIL import Image

from browser import render

MIN_DARK = 2000  # a title and a few table rows are far more


def main():
    page, prefix, words = sys.argv[1], sys.argv[2], sys.argv[3:]
    url = "file://" + os.path.abspath(page)
    shot, dom = render(url, prefix, "794,1123", ".dom.html")
    problems = []
    text = html.unescape(re.sub(r"<[^>]*>", " ", dom))
    for w in words:
        if w not in text:
            problems.append(f"the page's text lacks {w!r}")
    if "<script" in dom.lower():
        problems.append("the page holds a script element")
    if shot is None:
        problems.append("no screenshot")
    else:
        img = Image.open(shot).convert("L")
        dark = sum(1 for p in img.getdata() if p < 128)
        if dark < MIN_DARK:
            problems.append(f"the screenshot is blank ({dark} dark pixels)")
    for p in problems:
        print(f"report_page: {page}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
