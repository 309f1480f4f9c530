"""The wizard pages, one module per step (or a pair of related steps)."""
