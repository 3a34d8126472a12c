"""State between runs: store, lock, incremental recrawls, export, crash safety."""
