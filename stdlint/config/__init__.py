"""The handbook profile (handbook.yml): models, loading with positions, JSON Schemas."""
