"""Internals of the synthetic platform generator; the public entry point is `shopscore.generate`."""
