"""The backend contract suite: one test class per protocol that every backend subclasses.

A backend's test module combines a class providing the ``backend`` fixture (a
``StorageUnderTest``) with each contract class, for example::

    class TestSqliteFiles(SqliteBackend, DriftFilesContract): ...
"""
