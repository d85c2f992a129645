"""Exports of the fact base for other tools (schema.org ClaimReview)."""
