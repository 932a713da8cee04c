"""samverkan: collaboration agreements between Swedish municipalities and the police, as YAML."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
