#!/usr/bin/env bash
# The Debian packages Polku needs: at run time (WeasyPrint's libraries and fonts for PDFs, Voikko
# for place matching) and, with `--test`, for `make test` too (browsers, PostgreSQL, gettext,
# poppler). As root the missing ones are installed; as another user they are named and the
# script stops. `make run` and `make test` both call it.
set -euo pipefail

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

missing=()
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v xgettext >/dev/null || missing+=(gettext)
  command -v npm >/dev/null || missing+=(npm)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
fi
LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)
libs=$("$LDCONFIG" -p 2>/dev/null || true)
grep -q 'libpango-1.0.so' <<<"$libs" || missing+=(libpango-1.0-0)
grep -q 'libpangoft2-1.0.so' <<<"$libs" || missing+=(libpangoft2-1.0-0)
grep -q 'libharfbuzz-subset.so' <<<"$libs" || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Voikko and its Finnish dictionary: place matching's word analysis (decision 0009).
grep -q 'libvoikko.so.1' <<<"$libs" || missing+=(libvoikko1)
compgen -G "/usr/lib/voikko/*/mor-standard/mor.vfst" >/dev/null || missing+=(voikko-fi)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These Debian packages are missing: ${missing[*]}" >&2
    echo "Install them as root:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
