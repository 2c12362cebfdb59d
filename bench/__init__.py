"""Benchmarks: `make bench` (or `python -m bench [name ...]`) runs every `bench/bench_*.py`.

Performance is measured here, not by timed tests: the machines are shared and noisy, so each
benchmark measures side by side in one run and prints ratios, with absolute figures for reference.
Shared helpers (servers, API keys, wrk and httpx load, tables, PASS/FAIL targets) live in
`bench.common`; every target line is repeated in a summary at the end. HTTP load comes from `wrk`
(Debian package). Tools: `python -m bench.profile` (py-spy under wrk load), `python -m bench.ab`
(one setting A/B, side by side).
"""
