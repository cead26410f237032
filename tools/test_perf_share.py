"""tools/perf_share.py counts Ed25519 samples from `perf script` text."""

import importlib.util
import pathlib
import unittest

SPEC = importlib.util.spec_from_file_location("perf_share", pathlib.Path(__file__).with_name("perf_share.py"))
perf_share = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(perf_share)

SCRIPT = """parledger 10/11 1.0: 1 cpu-clock:
\t55 fe_mul_impl+0x10 (/bin/parledger)
\t66 CCryptoBoringSSL_ED25519_verify+0x20 (/bin/parledger)
\t77 $s10LedgerCore20EarlySignatureChecksC+0x5 (/bin/parledger)

parledger 10/11 1.1: 1 cpu-clock:
\t55 swift_retain+0x1 (/lib/libswiftCore.so)
\t66 $s11SQLiteStoreAAC6append_10recordedAt+0x9 (/bin/parledger)

parledger 10/12 1.2: 1 cpu-clock:
\t55 fe_sq_tt+0x3 (/bin/parledger)
\t66 $s9parledger12BenchWorkloadV+0x2 (/bin/parledger)
"""


class PerfShareTests(unittest.TestCase):
    def test_counts_every_sample_without_a_filter(self):
        self.assertEqual(perf_share.share(SCRIPT), (3, 2))

    def test_counts_only_stacks_naming_a_fragment(self):
        self.assertEqual(perf_share.share(SCRIPT, ["SQLiteStoreAAC6append", "EarlySignatureChecks"]), (2, 1))

    def test_counts_the_stacks_naming_a_function_anywhere(self):
        self.assertEqual(perf_share.share(SCRIPT, inside="SQLiteStoreAAC6append"), (3, 1))
        self.assertEqual(perf_share.share(SCRIPT, inside="BenchWorkload"), (3, 1))
        self.assertEqual(perf_share.share(SCRIPT, ["fe_"], inside="EarlySignatureChecks"), (2, 1))

    def test_a_sample_outside_ed25519_is_not_counted_as_in_it(self):
        self.assertFalse(perf_share.is_ed25519("swift_retain"))
        self.assertTrue(perf_share.is_ed25519("ge_p2_dbl"))


if __name__ == "__main__":
    unittest.main()
