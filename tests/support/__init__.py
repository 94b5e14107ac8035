"""Test and development tools: loopback servers, offline runner, evaluation helpers."""
