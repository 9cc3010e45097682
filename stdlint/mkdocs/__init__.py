"""The MkDocs plugin: a thin adapter over the engine's Result and ``stdlint.publish``."""
