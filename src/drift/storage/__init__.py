"""Storage: the protocols every backend implements, and the backends themselves."""
