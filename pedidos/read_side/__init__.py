"""The order's JSON as served: stored snapshots, the per-version cache, list queries, the page cache."""
