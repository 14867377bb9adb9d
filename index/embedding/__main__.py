"""`python -m index.embedding prepare [RUNTIME]`: export the ONNX graph now (the install runs it)."""
from __future__ import annotations

import argparse
import logging
import time

from .runtimes import DEFAULT_RUNTIME, RUNTIMES, load_embedder


def main(argv: list[str] | None = None) -> int:
    """Load (and so export, if needed) a runtime's model, and say where it is."""
    parser = argparse.ArgumentParser(prog="python -m index.embedding", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare", help="export and cache the ONNX graph of the bundled weights")
    prepare.add_argument("runtime", nargs="?", default=DEFAULT_RUNTIME, choices=RUNTIMES)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    model = load_embedder(args.runtime)
    where = getattr(model, "path", "the installed package")
    print(f"{args.runtime}: ready in {time.perf_counter() - started:.1f} s ({where})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
