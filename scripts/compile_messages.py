"""Compile locale/*/LC_MESSAGES/*.po into .mo with polib, so no GNU gettext is needed to run.

Fuzzy entries are left out of the compiled catalogue, as msgfmt does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    for path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(path))
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
