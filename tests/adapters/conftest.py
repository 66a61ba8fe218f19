"""
Put ``tests/adapters/helpers/`` on ``sys.path``: the helpers there are shared by both adapters.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELPERS = Path(__file__).resolve().parent / "helpers"

if str(HELPERS) not in sys.path:
    sys.path.insert(0, str(HELPERS))
