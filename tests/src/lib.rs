//! Test-only triggers live in `src/bin`; the suites are in `tests/`.
