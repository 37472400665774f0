"""``manage.py bench_run``: measure the key pages on the benchmark's data set
(polku.demo.bench.harness); a table on the screen, the JSON to ``--out``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from polku.demo.bench import harness


class Command(BaseCommand):
    help = "Measure the key pages (p50, p95, max, queries) on the benchmark's data set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-n", type=int, default=50, help="timed requests per page")
        parser.add_argument("--out", type=Path, default=Path("var/bench/results.json"))
        parser.add_argument("--page", action="append", help="only this page (repeatable)")
        parser.add_argument("--profile", help="profile one request of this page (pyinstrument)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["profile"]:
            self.stdout.write(harness.profile(options["profile"]))
            return
        self.stdout.write(harness.HEADER)
        report = harness.run(
            n=options["n"], only=options["page"], out=options["out"], log=self.stdout.write
        )
        for name, n in report["data_set"].items():
            self.stdout.write(f"  {name}: {n}")
        self.stdout.write(f"Written to {options['out']}")
