"""Run the README's Python examples under 'Reading the data' as written, from the repo root, after
`make run` published data/processed: a consumer's first steps, checked in CI."""

from __future__ import annotations

import re
import sys
from pathlib import Path

text = Path(sys.argv[1]).read_text(encoding="utf-8")
section = text.split("## Reading the data", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
if not blocks:
    sys.exit("ci: no Python example under 'Reading the data' in the README")
for i, code in enumerate(blocks, 1):
    print(f"--- example {i} ---", flush=True)
    exec(compile(code, f"README example {i}", "exec"), {"__name__": "__readme__"})  # noqa: S102
print(f"{len(blocks)} README example(s) ran")
