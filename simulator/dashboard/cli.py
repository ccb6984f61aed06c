"""``plpbk dashboard``: serve the interactive dashboard on this machine."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
import warnings
from typing import Any

from simulator.cli_common import UserError, port

EXAMPLES = """examples:
  plpbk dashboard                         Kendal scenario at http://127.0.0.1:8765
  plpbk dashboard pekalongan --port 9000  another preset and port
  plpbk dashboard my.toml --lang id       a scenario file, labels in Bahasa Indonesia
  plpbk dashboard kendal --policy all-efforts   open with a policy beside the baseline

Open the printed address in a browser; each browser tab has its own model.
Stop with Ctrl-C.
"""

DEFAULT_PORT = 8765


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the ``dashboard`` command on the ``plpbk`` subparsers."""
    d = sub.add_parser(
        "dashboard",
        help="interactive what-if dashboard in the browser (sliders, baseline vs policy)",
        description="Serve the interactive dashboard: move enablers, obstacles and policy levers, "
        "step the years, and compare a baseline with a policy on the same seed. "
        "Works offline (the browser front-end is bundled).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument(
        "scenario", nargs="?", default="kendal", help="scenario file or preset name it opens with (default: kendal)"
    )
    d.add_argument("--port", type=port, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    d.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network)",
    )
    d.add_argument(
        "--policy",
        default="",
        metavar="POLICY",
        help="policy file or built-in policy name to open with, drawn beside the baseline (see 'plpbk scenarios')",
    )
    d.add_argument("--lang", choices=("en", "id"), default="en", help="label language: en or id (Bahasa Indonesia)")
    d.set_defaults(func=cmd_dashboard)


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise UserError(f"--host {host}: unknown address ({e.strerror})") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise UserError(f"--port {port}: address {host}:{port} is already in use (choose another --port)") from None
        if e.errno == errno.EACCES:
            raise UserError(f"--port {port}: permission denied (use a port above 1023)") from None
        raise UserError(f"--host {host} --port {port}: cannot listen there ({e.strerror})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _server_class() -> type:
    import uvicorn

    from simulator.dashboard.app import STOPPING

    class Server(uvicorn.Server):
        """Uvicorn server whose first Ctrl-C also stops the sessions' Play loops (their threads)."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            STOPPING.set()
            super().handle_exit(sig, frame)

    return Server


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Serve the dashboard until Ctrl-C."""
    from simulator.scenario import load_policy, load_scenario

    load_scenario(args.scenario)  # a bad scenario or policy is a one-line error before anything starts
    if args.policy:
        load_policy(args.policy)
    sock = _bind(args.host, args.port)
    os.environ["PLPBK_DASHBOARD_SCENARIO"] = str(args.scenario)
    os.environ["PLPBK_DASHBOARD_LANG"] = args.lang
    os.environ["PLPBK_DASHBOARD_POLICY"] = str(args.policy)
    os.environ["SOLARA_APP"] = "simulator.dashboard.app:Page"
    os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    os.environ.setdefault("SOLARA_MODE", "production")
    os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = args.host, str(args.port)

    from solara.server import settings

    _Server = _server_class()

    # served over plain http on a named host, Solara warns once per page load about cookies (harmless)
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")

    settings.telemetry.mixpanel_enable = False
    settings.main.mode = "production"
    settings.theme.show_banner = False
    settings.theme.title = "PLPBK dashboard"
    import uvicorn

    config = uvicorn.Config(
        "solara.server.starlette:app",
        log_level="warning",
        timeout_graceful_shutdown=2,
        ws_ping_interval=20,
    )
    server = _Server(config)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"PLPBK dashboard ({args.scenario}): http://{shown}:{args.port}/  (Ctrl-C to stop)", flush=True)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        print("\ndashboard stopped", file=sys.stderr)
        return 130
    finally:
        sock.close()
    print("dashboard stopped", file=sys.stderr)
    return 0
