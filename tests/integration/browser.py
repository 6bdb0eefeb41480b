"""Headless Debian Chromium for the page tests (verify_page.py, report_page.py).

render(url, prefix, size, dom_name) takes a screenshot of url at size ("W,H") into
PREFIX.png and the DOM after rendering into PREFIX + dom_name; returns (the
screenshot's path or None when Chromium made none, the DOM text). The browser
profile lives beside them and is removed afterwards.
"""
import os
import shutil
import subprocess


def chromium(args, user_dir, size):
    cmd = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--disable-extensions", "--disable-sync", "--force-color-profile=srgb",
           f"--user-data-dir={user_dir}", f"--window-size={size}"] + args
    return subprocess.run(cmd, capture_output=True, timeout=90, check=False)


def render(url, prefix, size, dom_name):
    user_dir = prefix + ".profile"
    os.makedirs(user_dir, exist_ok=True)
    shot = prefix + ".png"
    if os.path.exists(shot):
        os.remove(shot)
    try:
        chromium([f"--screenshot={shot}", url], user_dir, size)
        dom = chromium(["--dump-dom", url], user_dir, size).stdout.decode("utf-8", "replace")
    finally:
        shutil.rmtree(user_dir, ignore_errors=True)
    with open(prefix + dom_name, "w", encoding="utf-8") as f:
        f.write(dom)
    return (shot if os.path.exists(shot) else None), dom
