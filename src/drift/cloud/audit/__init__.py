"""The audit log: recording, query, export, chain verification and retention."""
