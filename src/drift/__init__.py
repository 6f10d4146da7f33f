"""Drift: learn the conventions a codebase follows, enforce them, and keep AI-agent memories honest."""

__version__ = "0.1.0"
