"""One lint run: the runner, file analysis in batches, the rule engine, the cache/index store."""
