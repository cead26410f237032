"""tools/bench-server.py: its percentiles, and its client's keep-alive connections, which the
server closes when no request follows within 10 s."""

import asyncio
import importlib.util
import pathlib
import unittest

SPEC = importlib.util.spec_from_file_location("bench_server", pathlib.Path(__file__).with_name("bench-server.py"))
bench_server = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench_server)


class PercentileTests(unittest.TestCase):
    def test_nearest_rank(self):
        values = [float(n) for n in range(1, 101)]
        self.assertEqual(bench_server.percentile(values, 0.5), 50.0)
        self.assertEqual(bench_server.percentile(values, 0.99), 99.0)
        self.assertEqual(bench_server.percentile([3.0, 1.0, 2.0], 0.99), 3.0)
        self.assertEqual(bench_server.percentile([7.0], 0.5), 7.0)

    def test_nothing_measured_is_nan(self):
        self.assertNotEqual(bench_server.percentile([], 0.5), bench_server.percentile([], 0.5))


class ConnectionTests(unittest.TestCase):
    def test_a_closed_kept_alive_connection_is_opened_again_and_the_request_sent_once_more(self):
        async def scenario():
            served = []

            async def answer_once(reader, writer):
                # One answer per connection, then the server closes it (as after an idle wait).
                await reader.readuntil(b"\r\n\r\n")
                served.append(1)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
                writer.close()

            server = await asyncio.start_server(answer_once, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            connection = bench_server.Connection(port)
            first = await connection.request("GET", "/a")
            await asyncio.sleep(0.05)
            second = await connection.request("GET", "/b")
            await connection.close()
            server.close()
            await server.wait_closed()
            return first, second, len(served)

        first, second, served = asyncio.run(scenario())
        self.assertEqual(first, (200, b"ok"))
        self.assertEqual(second, (200, b"ok"))
        self.assertEqual(served, 2)

    def test_a_new_connection_that_fails_is_not_retried(self):
        async def scenario():
            async def close_at_once(reader, writer):
                await reader.readuntil(b"\r\n\r\n")
                writer.close()

            server = await asyncio.start_server(close_at_once, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            try:
                with self.assertRaises(ConnectionError):
                    await bench_server.Connection(port).request("GET", "/")
            finally:
                server.close()
                await server.wait_closed()

        asyncio.run(scenario())


if __name__ == "__main__":
    unittest.main()
