"""The benchmark (`make bench`, docs/performance.md): a data set generator at the scales of
SPEC §9 (:mod:`polku.demo.bench.generator`) and a harness that measures the key pages as the
logged-in roles see them (:mod:`polku.demo.bench.harness`). Nothing imports this package; the
management commands ``bench_data`` and ``bench_run`` run it."""
