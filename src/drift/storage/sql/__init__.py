"""Queries written once in portable SQL, and the protocol methods built on them.

Both relational backends (``drift.storage.sqlite``, ``drift.storage.postgres``) compose the
``Sql*`` mixins defined here with their own ``SqlExecutor``. No module here imports a driver.
"""
