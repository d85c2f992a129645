"""The project a run checks: its configuration, which files it holds, and its baseline."""
