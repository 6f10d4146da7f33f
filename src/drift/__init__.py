"""Drift: learn a codebase's conventions, enforce them, and keep AI-agent memories honest."""

__version__ = "0.1.0"
