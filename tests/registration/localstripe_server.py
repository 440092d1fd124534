"""Run localstripe for the tests: on IPv4 loopback, keeping its store in memory.

localstripe's own entry point binds an IPv6 socket (which fails where IPv6 is off)
and reads and writes a fixed `/tmp/localstripe.pickle` (which fails, or leaks state
between runs, when another user or an earlier run left one there). Neither suits a
test server, so this starts the same aiohttp app without either.
"""

import sys

from aiohttp import web
from localstripe import resources, server


def main() -> None:
    resources.Store.dump_to_disk = lambda self: None
    web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None)


if __name__ == "__main__":
    main()
