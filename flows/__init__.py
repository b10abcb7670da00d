"""Prefect flows, the CLI and warehouse I/O: orchestration only."""
