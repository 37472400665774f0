"""``manage.py bench_data --scale county``: the benchmark's data set (polku.demo.bench)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from polku.core import clock
from polku.demo.bench.generator import SCALES, generate
from polku.metrics import facts, summary


class Command(BaseCommand):
    help = "Build the benchmark's data set (small, county or national) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default today)"
        )
        parser.add_argument(
            "--access-rate",
            type=float,
            default=None,
            help="access events per open relationship and day (default: the scale's own); "
            "0 builds a set without them, for measuring pages that read no audit rows",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("fi")
        today = options["today"] or clock.today()
        counts = generate(
            options["scale"],
            seed=options["seed"],
            today=today,
            access_rate=options["access_rate"],
            log=self.stdout.write,
        )
        started = time.monotonic()
        written = summary.refresh(today)["rows"]
        self.stdout.write(
            f"attendance summary: {written} rows in {time.monotonic() - started:.1f} s"
        )
        started = time.monotonic()
        fact_rows = facts.refresh()
        self.stdout.write(
            f"pathway facts: {sum(fact_rows.values())} rows in {time.monotonic() - started:.1f} s"
        )
        for name, n in sorted(counts.rows.items()):
            self.stdout.write(f"{name:<32} {n:>10}")
        self.stdout.write(
            self.style.SUCCESS(f"{sum(counts.rows.values())} rows in {counts.seconds:.0f} s")
        )
