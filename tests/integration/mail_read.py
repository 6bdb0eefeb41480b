#!/usr/bin/python3
"""Prints one JSON line per .eml file in a folder (the SMTP sink's), oldest first:
{"file", "to", "from", "subject", "types", "text", "html", "message_id", "date"},
the subject and the parts decoded (tests/integration/lib.sh t_mails)."""
import email
import email.policy
import json
import os
import sys

folder = sys.argv[1]
for name in sorted(f for f in os.listdir(folder) if f.endswith(".eml")):
    with open(os.path.join(folder, name), "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    parts = {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
    print(json.dumps({
        "file": name, "to": str(msg["To"]), "from": str(msg["From"]),
        "subject": str(msg["Subject"]), "content_type": msg.get_content_type(),
        "types": sorted(parts), "charsets": sorted({p.get_content_charset() or "" for p in msg.walk() if not p.is_multipart()}),
        "text": parts.get("text/plain", ""), "html": parts.get("text/html", ""),
        "message_id": str(msg["Message-ID"]), "date": str(msg["Date"]),
    }, ensure_ascii=False))
