"""One URL serves the page, or a named partial for an htmx request (STYLE.md §6)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(
    request: HttpRequest,
    template: str,
    partial: str | None = None,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """Render ``template``, or ``template#partial`` when htmx asks for a fragment."""
    name = template
    if partial and getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        name = f"{template}#{partial}"
    response = render(request, name, context or {}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
