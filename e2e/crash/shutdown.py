#!/usr/bin/env python3
"""Stopping and starting nodes as a deployment does (issue 20). Run by scripts/test:

    shutdown.py BIN PORT DATABASE_URL      (DATABASE_URL: an empty PostgreSQL database, or "sqlite")

On PostgreSQL, first the start: two `serve` nodes started at the same moment on the empty
database both come up (before, one always exited on a duplicate key in _fluent_migrations),
and again on a database one migration behind (the newest undone with `collegium migrate
--revert`, as before an upgrade): both come up, and the migration is applied once.

Then, on both databases, the stop: the demo's data, a node serving clients that read through
the API on a new connection each (as a proxy's upstream would see them), and SIGTERM while
requests are in flight, ROUNDS times. Each time: /readyz answers 503 "shutting down" while
the node still serves (SHUTDOWN_DELAY_SECONDS), every answer begun is 200 and whole (none
cut off, none 5xx), the node exits 0 within its SHUTDOWN_TIMEOUT_SECONDS (0 only once no
request it began is left), and its log shows no crash. A connection that the kernel had
queued when the listening socket closed is reset unanswered: the node never saw it, and a
proxy retries it on the other node; those are counted, not failed. Before, SIGTERM under load ended in an illegal instruction (exit
132) in 8 of 8 trials: the databases were closed under running requests.

One line per check, then `shutdown <db>: N passed, M failed`. Environment: CRASH_LOG (the
nodes' output), SHUTDOWN_ROUNDS (default 3)."""
import http.client, os, signal, subprocess, sys, threading, time

import nodes, stored  # e2e/crash/

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
KIND = "postgres" if DB.startswith("postgres") else "sqlite"
ROUNDS = int(os.environ.get("SHUTDOWN_ROUNDS", 3))
SQLITE_PATH = "data/demo.sqlite"
DELAY, TIMEOUT = 1, 20  # SHUTDOWN_DELAY_SECONDS, SHUTDOWN_TIMEOUT_SECONDS of the nodes
CLIENTS = 8
log_path = os.environ.get("CRASH_LOG", "/dev/null")
log = open(log_path, "a")
started, check = [], nodes.Checks()
nodes.killed_at_exit(started)


def start(command, port, env_extra=None, stdout=None):
    env = {**os.environ, "LOG_LEVEL": "notice", "SHUTDOWN_DELAY_SECONDS": str(DELAY),
           "SHUTDOWN_TIMEOUT_SECONDS": str(TIMEOUT),
           # Eight clients read through one token as fast as they can: not the limit's test.
           "API_REQUESTS_PER_MINUTE": "1000000", **(env_extra or {})}
    env.pop("TEST_DATABASE_URL", None)
    process = subprocess.Popen([BIN, command, "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=stdout or log, stderr=log, text=True)
    started.append(process)
    return process


request, readyz, Unserved = nodes.request, nodes.readyz, nodes.Unserved


def wait_ready(port, process, timeout=120):
    return nodes.wait_ready(port, timeout, process)


def stop(process, timeout=TIMEOUT + DELAY + 15):
    """SIGTERM; the exit status, or None when the node is still running after `timeout`."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


serve_env = {"DATABASE_URL": DB if KIND == "postgres" else "sqlite:" + SQLITE_PATH}

# ---------------------------------------------------------------- starting together (PostgreSQL)
if KIND == "postgres":
    def start_pair(what):
        pair = {port: start("serve", port, serve_env) for port in (PORT, PORT + 1)}
        up = {port: wait_ready(port, process) for port, process in pair.items()}
        check(all(up.values()), f"two nodes started together on {what}: "
              + ", ".join(f"{port} {'serves' if ok else 'exited ' + str(pair[port].poll()) if pair[port].poll() is not None else 'never ready'}"
                          for port, ok in up.items()))
        codes = [stop(process) for process in pair.values()]
        check(codes == [0, 0], f"both stopped with SIGTERM, exit status {codes}")

    start_pair("an empty database")
    migrations = [row[0] for row in stored.query(DB, "SELECT name FROM _fluent_migrations ORDER BY name")]
    newest = migrations[-1]
    # As before an upgrade: the newest migration came in a later batch, and is undone.
    stored.query(DB, f"UPDATE _fluent_migrations SET batch = 2 WHERE name = '{newest}'")
    revert = subprocess.run([BIN, "migrate", "--revert", "--yes"], env={**os.environ, **serve_env}, capture_output=True, text=True)
    print(revert.stdout, revert.stderr, file=log, flush=True)
    behind = [row[0] for row in stored.query(DB, "SELECT name FROM _fluent_migrations")]
    check(revert.returncode == 0 and newest not in behind and len(behind) == len(migrations) - 1,
          f"the database is one migration behind ({newest} undone)")
    start_pair(f"a database without {newest}")
    counts = stored.query(DB, f"SELECT count(*) FROM _fluent_migrations WHERE name = '{newest}'")
    total = stored.query(DB, "SELECT count(*) FROM _fluent_migrations")
    check(counts == [["1"]] and total == [[str(len(migrations))]], f"{newest} applied once ({counts[0][0]} rows), {total[0][0]} migrations in all")

# ---------------------------------------------------------------- stopping under load
demo = start("demo", PORT, {"DEMO_DATABASE_URL": DB} if KIND == "postgres" else {}, stdout=subprocess.PIPE)
token = next((line.split(": ", 1)[1].strip() for line in demo.stdout if line.startswith("API token (admin): ")), None)
assert token and wait_ready(PORT, demo), "the demo did not start"
demo.stdout.close()
check(stop(demo) == 0, "the demo stopped with SIGTERM, exit status 0")
PATHS = ["/api/v1/schools", "/api/v1/surveys", "/api/v1/courses"]

for round_number in range(1, ROUNDS + 1):
    node = start("serve", PORT, serve_env)
    assert wait_ready(PORT, node), f"round {round_number}: the node did not start"
    lock = threading.Lock()
    results = []  # (sent, outcome): outcome a status, "refused", or an error's repr
    stopping = threading.Event()
    sent_before_stop = []

    def client(number):
        index = number
        while not stopping.is_set() or node.poll() is None:
            path = PATHS[index % len(PATHS)]
            index += 1
            sent = []
            try:
                status, _, _ = request(PORT, "GET", path, token, timeout=30, on_sent=lambda: sent.append(time.time()))
                outcome = status
            except ConnectionRefusedError:
                outcome = "refused"
            except Unserved:
                # Reset with no answer: a connection the kernel had queued when the node closed
                # its listening socket, or one whose request had not arrived when the node
                # closed its idle connections. The node never began it (its exit status says
                # no request it began was left), and a proxy retries it on the other node.
                outcome = "unserved"
            except (OSError, http.client.HTTPException) as error:
                outcome = repr(error)
            with lock:
                results.append((bool(sent), outcome))
            if outcome == "refused":
                if stopping.is_set():
                    return
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    before = len(results)
    begin = time.time()
    node.send_signal(signal.SIGTERM)
    stopping.set()
    # During SHUTDOWN_DELAY_SECONDS the node still serves, but is no longer ready. The
    # signal takes a moment to arrive: asked at once, /readyz may still say ok.
    probe = readyz(PORT)
    while not (probe[0] == 503 and "shutting down" in probe[1]) and time.time() < begin + DELAY:
        time.sleep(0.05)
        probe = readyz(PORT)
    try:
        code = node.wait(timeout=TIMEOUT + DELAY + 15)
    except subprocess.TimeoutExpired:
        code = None
    took = time.time() - begin
    for thread in threads:
        thread.join(timeout=60)
    answered = [outcome for sent, outcome in results if sent and outcome not in ("refused", "unserved")]
    unserved = sum(1 for _, outcome in results if outcome == "unserved")
    bad = [outcome for outcome in answered if outcome != 200]
    after = len(results) - before
    check(probe[0] == 503 and "shutting down" in probe[1], f"round {round_number}: /readyz after SIGTERM answered {probe[0]} {probe[1].strip()!r}")
    check(code == 0, f"round {round_number}: the node exited with status {code} after {took:.1f} s (SIGTERM with {before} requests served, {after} more after it)")
    check(not bad and after > 0, f"round {round_number}: {len(answered) - len(bad)} of {len(answered)} answers 200 and whole"
          + (f"; not: {bad[:5]}" if bad else "") + f" ({unserved} connections closed unanswered at the close, for a proxy to retry)")

log.flush()
with open(log_path, errors="replace") as f:
    text = f.read() if log_path != "/dev/null" else ""
crashes = [line for line in text.splitlines() if "Fatal error" in line or "Illegal instruction" in line or "💣" in line]
check(not crashes, "no crash in the nodes' log" + (f": {crashes[:3]}" if crashes else ""))

check.finish(f"shutdown {KIND}")
