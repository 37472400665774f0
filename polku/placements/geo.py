"""Coordinates of Finnish postal-code areas and distances between them, offline.

Polku reaches no map service: the coordinates of a client's home and of a place come from the
GeoNames postal-code table in `data/fi_postal_codes.csv` (CC BY 4.0; see `data/README.md` and
decision 0009). A distance is the great-circle distance between two such points, so it is a
straight line between postal-code areas, not a travel route.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path

Coordinates = tuple[float, float]
"""(latitude, longitude) in degrees, WGS84."""

POSTAL_CODES_FILE = Path(__file__).resolve().parent / "data" / "fi_postal_codes.csv"

# The mean radius of the Earth (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088


@cache
def _postal_codes() -> dict[str, Coordinates]:
    with POSTAL_CODES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["postal_code"]: (float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(handle)
        }


def normalise_postal_code(postal_code: str) -> str | None:
    """The five digits of a Finnish postal code, or None when it is not one.

    Spaces are dropped and an Åland `AX-` or `FI-` prefix is accepted, as people write them.
    """
    code = "".join(postal_code.split()).upper()
    for prefix in ("FI-", "AX-"):
        if code.startswith(prefix):
            code = code[len(prefix) :]
    if len(code) != 5 or not code.isascii() or not code.isdigit():
        return None
    return code


def coordinates_for(postal_code: str) -> Coordinates | None:
    """The point of a postal-code area, or None for a code that is malformed or unknown."""
    code = normalise_postal_code(postal_code)
    if code is None:
        return None
    return _postal_codes().get(code)


def distance_km(a: Coordinates, b: Coordinates) -> float:
    """The great-circle (haversine) distance between two points, in kilometres."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
