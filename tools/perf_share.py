#!/usr/bin/env python3
"""The share of a profile's samples spent in Ed25519 (or in a named function), from `perf script` text.

The README's "Ed25519 is N% of the CPU" figures come from this:

    perf record -g -o verify.data .build/release/parledger verify --store LEDGER
    perf script -i verify.data | python3 tools/perf_share.py

    perf record -g -o bench.data .build/release/parledger bench --sizes 1000000 --dir DIR
    perf script -i bench.data | python3 tools/perf_share.py --within SQLiteStoreAAC6append \\
        --within EarlySignatureChecks

A sample counts as Ed25519 when one of its innermost frames is BoringSSL's Ed25519 or the field
and group arithmetic under it. With --within, only samples whose stack names one of the given
(mangled) symbol fragments are counted: the append path, say, apart from the benchmark's signing.

With --in FRAGMENT, a sample counts when any frame of its stack names FRAGMENT instead: the share
of a function with everything it calls. The projection figures in the README come from this:

    perf record -F 499 -g -o rebuild.data .build/release/parledger bench-projections --dir DIR \\
        --queries 0 --rebuilds 2
    perf script -i rebuild.data | python3 tools/perf_share.py --in CanonicalJSONO6Parser
"""

import argparse
import sys

# BoringSSL's Ed25519 and the curve25519 field and group arithmetic it calls (fe_*, ge_*, x25519_ge_*),
# and the SHA-512 that Ed25519 hashes with.
ED25519_PREFIXES = ("CCryptoBoringSSL_ED25519_", "fe_", "ge_", "x25519_ge_", "CCryptoBoringSSL_x25519_ge_")
ED25519_NAMES = {"CCryptoBoringSSL_sha512_block_data_order_nohw", "table_select", "cmov"}
INNERMOST = 8


def frames(sample):
    """The symbols of one sample's stack, innermost first."""
    symbols = []
    for line in sample.strip().split("\n")[1:]:
        parts = line.strip().split(" ", 1)
        if len(parts) == 2:
            symbols.append(parts[1].rsplit(" (", 1)[0].split("+0x")[0])
    return symbols


def is_ed25519(symbol):
    return symbol.startswith(ED25519_PREFIXES) or symbol in ED25519_NAMES


def share(text, within=(), inside=None):
    """(samples counted, of them in Ed25519, or in a frame naming `inside` when given)."""
    counted = in_ed25519 = 0
    for sample in text.split("\n\n"):
        symbols = frames(sample)
        if not symbols:
            continue
        if within and not any(fragment in symbol for symbol in symbols for fragment in within):
            continue
        counted += 1
        if inside is not None:
            in_ed25519 += any(inside in symbol for symbol in symbols)
        elif any(is_ed25519(symbol) for symbol in symbols[:INNERMOST]):
            in_ed25519 += 1
    return counted, in_ed25519


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--within", action="append", default=[], help="count only stacks naming this")
    parser.add_argument("--in", dest="inside", help="the share of stacks naming this, instead of Ed25519")
    arguments = parser.parse_args()
    counted, found = share(sys.stdin.read(), arguments.within, arguments.inside)
    if counted == 0:
        print("no samples counted", file=sys.stderr)
        return 2
    what = arguments.inside or "Ed25519"
    print(f"{found} of {counted} samples in {what}: {100 * found / counted:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
