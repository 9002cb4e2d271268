"""Tests for charter-check."""
