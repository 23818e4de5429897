"""Build the name gazetteers from the 1990 US Census name lists (public domain).

The census lists ship inside the PyPI package ``names`` (0.3.0); this script is run by hand when
the lists change, never at run time:  ``pip install names==0.3.0 && python models/names/build.py``.
Last names are cut at a cumulative frequency so that rare entries (many of them ordinary words)
stay out; first names are kept whole.
"""

from __future__ import annotations

from pathlib import Path

import names  # type: ignore[import-not-found]

HERE = Path(__file__).parent
SOURCE = Path(names.__file__).parent
LAST_NAME_CUMULATIVE_PERCENT = 85.0


def read(name: str, limit: float = 101.0) -> list[str]:
    rows = []
    for line in (SOURCE / name).read_text().splitlines():
        word, _freq, cumulative, _rank = line.split()
        if float(cumulative) > limit:
            break
        rows.append(word.lower())
    return rows


def main() -> None:
    first = sorted(set(read("dist.male.first") + read("dist.female.first")))
    last = sorted(set(read("dist.all.last", LAST_NAME_CUMULATIVE_PERCENT)))
    (HERE / "first.txt").write_text("\n".join(first) + "\n")
    (HERE / "last.txt").write_text("\n".join(last) + "\n")
    print(f"first names: {len(first)}, last names: {len(last)}")


if __name__ == "__main__":
    main()
