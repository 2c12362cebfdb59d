"""Benchmarks: `make bench` (or `python -m bench [name ...]`) runs every `bench/bench_*.py`.

Performance is measured here, not by timed tests: the machines are shared and noisy, so each
benchmark measures side by side in one run and prints ratios, with absolute figures for reference.
Shared helpers (servers, API keys, load generation, tables) live in `bench.common`.
"""
