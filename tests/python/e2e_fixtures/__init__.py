"""Hand-built raw datasets for the end-to-end tests (test_e2e_*.py).

Every row is placed by hand so that each expected figure in the tests can be worked out from SPEC.md alone.
"""
