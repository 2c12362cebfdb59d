"""`make run` calls this first: give `.env` a random `SECRET_KEY` when none is set.

Without it, development would sign tracking tokens and paging cursors with the public placeholder
`change-me`, so anyone could forge them (issue 13, finding 10). An existing value, in `.env` or in
the environment, is never changed.

    python scripts/ensure_secret.py [path/to/.env]
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path

PLACEHOLDER = "change-me"
LINE = re.compile(r"^\s*SECRET_KEY\s*=\s*(.*?)\s*$", re.MULTILINE)


def ensure_secret(path: Path, environ: Mapping[str, str] = os.environ) -> bool:
    """Write a random SECRET_KEY into `path` unless one is set; True when it wrote one."""
    if environ.get("SECRET_KEY", "").strip() not in ("", PLACEHOLDER):
        return False
    text = path.read_text() if path.exists() else ""
    found = LINE.search(text)
    if found and found.group(1).strip("'\"") not in ("", PLACEHOLDER):
        return False
    line = f"SECRET_KEY={secrets.token_urlsafe(48)}"
    if found:
        text = text[: found.start()] + line + text[found.end() :]
    else:
        text += ("\n" if text and not text.endswith("\n") else "") + line + "\n"
    path.write_text(text)
    path.chmod(0o600)
    return True


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".env")
    if ensure_secret(target):
        print(f"Wrote a random SECRET_KEY to {target} (it signs tracking links; keep it).")
