"""Benchmarks: `make bench` prints one JSON line per figure, medians over repeated runs."""
