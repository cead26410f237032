#!/usr/bin/env python3
"""The share of a profile's samples spent in Ed25519, from `perf script` text.

The README's "Ed25519 is N% of the CPU" figures come from this:

    perf record -g -o verify.data .build/release/parledger verify --store LEDGER
    perf script -i verify.data | python3 tools/perf_share.py

    perf record -g -o bench.data .build/release/parledger bench --sizes 1000000 --dir DIR
    perf script -i bench.data | python3 tools/perf_share.py --within SQLiteStoreAAC6append \\
        --within EarlySignatureChecks

A sample counts as Ed25519 when one of its innermost frames is BoringSSL's Ed25519 or the field
and group arithmetic under it. With --within, only samples whose stack names one of the given
(mangled) symbol fragments are counted: the append path, say, apart from the benchmark's signing.
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


def share(text, within=()):
    """(samples counted, of them in Ed25519)."""
    counted = in_ed25519 = 0
    for sample in text.split("\n\n"):
        symbols = frames(sample)
        if not symbols:
            continue
        if within and not any(fragment in symbol for symbol in symbols for fragment in within):
            continue
        counted += 1
        if any(is_ed25519(symbol) for symbol in symbols[:INNERMOST]):
            in_ed25519 += 1
    return counted, in_ed25519


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--within", action="append", default=[], help="count only stacks naming this")
    arguments = parser.parse_args()
    counted, in_ed25519 = share(sys.stdin.read(), arguments.within)
    if counted == 0:
        print("no samples counted", file=sys.stderr)
        return 2
    print(f"{in_ed25519} of {counted} samples in Ed25519: {100 * in_ed25519 / counted:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
