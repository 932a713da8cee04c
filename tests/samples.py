"""Small documents the tests build on."""

from __future__ import annotations

AGREEMENT = """kind: agreement
id: umea-2021
title: Samverkan för ett tryggare Umeå
parties:
  - id: umea
    kind: municipality
    name: Umeå kommun
  - id: polisen
    kind: police
    name: Lokalpolisområde Umeå
period:
  start: 2021-01-01
  end: 2024-12-31
"""
"""The smallest valid agreement: an id, a title, two parties and a period."""
