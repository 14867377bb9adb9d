"""Benchmarks run from the README (never from the tests)."""
