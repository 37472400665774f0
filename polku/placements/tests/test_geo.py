"""Postal-code coordinates (GeoNames, offline) and great-circle distances."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polku.placements.geo import coordinates_for, distance_km, normalise_postal_code

# Real centres, to within a few kilometres.
KNOWN = [
    ("00100", 60.17, 24.93),  # Helsinki centre
    ("33100", 61.50, 23.76),  # Tampere centre
    ("96100", 66.50, 25.72),  # Rovaniemi centre
    ("20100", 60.45, 22.26),  # Turku centre
    ("90100", 65.01, 25.47),  # Oulu centre
    ("22100", 60.10, 19.94),  # Mariehamn (Åland)
]


@pytest.mark.parametrize(("code", "lat", "lon"), KNOWN)
def test_known_postal_codes_are_where_they_are(code, lat, lon):
    point = coordinates_for(code)
    assert point is not None
    assert distance_km(point, (lat, lon)) < 5


@pytest.mark.parametrize(
    ("written", "code"),
    [("00100", "00100"), (" 00 100 ", "00100"), ("FI-33100", "33100"), ("ax-22100", "22100")],
)
def test_postal_codes_are_read_as_people_write_them(written, code):
    assert normalise_postal_code(written) == code
    assert coordinates_for(written) == coordinates_for(code)


@pytest.mark.parametrize("written", ["", "0010", "001000", "abcde", "００１００", "SE-11120"])
def test_malformed_postal_codes_have_no_coordinates(written):
    assert normalise_postal_code(written) is None
    assert coordinates_for(written) is None


def test_an_unknown_postal_code_has_no_coordinates():
    assert normalise_postal_code("00001") == "00001"
    assert coordinates_for("00001") is None


def test_helsinki_to_tampere_is_about_160_km():
    helsinki, tampere = coordinates_for("00100"), coordinates_for("33100")
    assert helsinki is not None
    assert tampere is not None
    assert 155 < distance_km(helsinki, tampere) < 165


def test_helsinki_to_rovaniemi_is_about_700_km():
    helsinki, rovaniemi = coordinates_for("00100"), coordinates_for("96100")
    assert helsinki is not None
    assert rovaniemi is not None
    assert 690 < distance_km(helsinki, rovaniemi) < 715


points = st.tuples(st.floats(59.5, 70.1), st.floats(19.0, 31.6))


@given(points, points, points)
def test_distance_is_a_metric(a, b, c):
    assert distance_km(a, a) == pytest.approx(0, abs=1e-6)
    assert distance_km(a, b) == pytest.approx(distance_km(b, a))
    assert distance_km(a, c) <= distance_km(a, b) + distance_km(b, c) + 1e-6
