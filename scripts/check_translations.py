"""Re-extract the messages and fail when a Finnish or Swedish entry is missing or fuzzy.

The tree is left as it was: the catalogues are restored after the check, so `make test` has no
side effects. `make messages` updates them for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("fi", "sv")


def main() -> int:
    catalogues = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
    originals = {path: path.read_bytes() for path in catalogues}
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale=fi",
                "--locale=sv",
                "--locale=en",
                "--no-location",
                "--no-obsolete",
                "--ignore=.venv/*",
                "--ignore=.tools/*",
                "--ignore=node_modules/*",
                "--ignore=tests/*",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"},
        )
        problems: list[str] = []
        for language in REQUIRED:
            catalogue = polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po"))
            for entry in catalogue:
                if entry.obsolete:
                    continue
                where = (
                    f"{language}: {entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
                )
                if "fuzzy" in entry.flags:
                    problems.append(f"fuzzy       {where}")
                elif not entry.translated():
                    problems.append(f"missing     {where}")
    finally:
        for path, content in originals.items():
            path.write_bytes(content)
    if problems:
        print("Translations are incomplete (run `make messages` and translate):")
        print("\n".join(problems))
        return 1
    print("fi and sv catalogues are complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
