#!/usr/bin/env python3
"""The outbox's crash test (issue 17): 2,000 queued mails, two `serve` nodes on one
PostgreSQL sending them to a local SMTP server (scripts/smtp-test-server), one node killed
with SIGKILL three times while mail flows and started again each time. Run by scripts/test:

    mail_crash.py BIN PORT DATABASE_URL

It starts the SMTP server on a free loopback port (plain smtp://, no AUTH: what is under
test is the outbox, not the transport), queues the mails with `collegium bench-mail-seed`,
serves the database with `collegium serve` on PORT and PORT+1 (MAIL_LEASE_SECONDS=5), and
kills the node on PORT each time it holds a claim. It then waits until every row is
`sent`, reads what arrived, and checks: every mail delivered, to its own recipient; a mail
arrived twice (same Message-ID, same bytes) only if it was in flight when a node died
(claimed by it and not yet written down as sent), at most one per kill; both nodes
stop on SIGTERM. It prints the number of duplicates. One line per check, then
`mail-crash postgres: N passed, M failed (...)`.

A sender claims 50 mails, sends them ten per SMTP connection (OutboxSender.sliceSize) and
writes down what the server said about each mail before the next goes, so a kill finds at
most one mail that reached the server and is not yet marked sent: at most one duplicate per
kill (MailTransport.deliver(_:logger:record:)).

Environment: MAIL_CRASH_COUNT (mails, 2000), MAIL_CRASH_KILLS (3), MAIL_CRASH_LEASE (the
nodes' MAIL_LEASE_SECONDS, 5), MAIL_CRASH_PER_KILL (the most duplicates one kill may cause,
1), MAIL_CRASH_SEED (the kills' random delays; printed), MAIL_CRASH_DIR (where the SMTP
server keeps the mail; default a temporary folder, removed), CRASH_LOG (the nodes' and the
SMTP server's output)."""
import atexit, email.parser, glob, json, os, random, shutil, signal, subprocess, sys, tempfile, time

import nodes as http_nodes  # e2e/crash/nodes.py (`nodes` here are the processes)

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if not DB.startswith("postgres"):
    sys.exit("mail_crash.py: needs a PostgreSQL DATABASE_URL (two nodes share the outbox)")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COUNT = int(os.environ.get("MAIL_CRASH_COUNT", 2000))
KILLS = int(os.environ.get("MAIL_CRASH_KILLS", 3))
LEASE = int(os.environ.get("MAIL_CRASH_LEASE", 5))
SEED = int(os.environ.get("MAIL_CRASH_SEED", random.randrange(1 << 30)))
BATCH = 50  # OutboxSender.batchSize: mails per claim
PER_KILL = int(os.environ.get("MAIL_CRASH_PER_KILL", 1))  # each outcome is written down before the next mail goes
PORTS = [PORT, PORT + 1]
VICTIM = PORTS[0]
MAIL_FROM = "Collegium <noreply@collegium.example>"
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "a")
keep_dir = os.environ.get("MAIL_CRASH_DIR")
MAIL_DIR = keep_dir or tempfile.mkdtemp(prefix="collegium-mail-crash.")
started, nodes = [], {}
rng = random.Random(SEED)


@atexit.register
def stop_all():
    """However the script ends, no server is left holding a port for the next run."""
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
    if not keep_dir:
        shutil.rmtree(MAIL_DIR, ignore_errors=True)


def sql(query):
    """Rows of a query as lists of strings (psql, unaligned, tab-separated)."""
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", DB, "-c", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def wait_ready(port, timeout=120):
    return http_nodes.wait_ready(port, timeout, nodes.get(port))


def arrived():
    return len(glob.glob(os.path.join(MAIL_DIR, "*.eml")))


# The SMTP server, on a free port, into an empty folder.
shutil.rmtree(MAIL_DIR, ignore_errors=True)
os.makedirs(MAIL_DIR)
smtp = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "smtp-test-server"), "--port", "0", "--dir", MAIL_DIR],
                        stdout=subprocess.PIPE, stderr=log, text=True)
started.append(smtp)
line = smtp.stdout.readline()
assert line.startswith("smtp-test-server: ready port="), f"the SMTP test server did not start: {line!r}"
smtp_port = int(line.split("port=", 1)[1].split()[0])
env = {**os.environ, "DATABASE_URL": DB, "MAIL_FROM": MAIL_FROM, "LOG_LEVEL": "warning", "SWIFT_BACKTRACE": "enable=no"}
for name in ("TEST_DATABASE_URL", "SMTP_URL", "SMTP_PASSWORD_FILE", "DKIM_KEY_FILE", "DKIM_SELECTOR", "MAIL_LEASE_SECONDS"):
    env.pop(name, None)

# The mails, queued by a command that sends nothing (the sender runs in `serve` and the
# demo only): without SMTP_URL, a sender that ran in it after all would fail them, and the
# test would stop here rather than start from anything but COUNT queued, untried mails.
before = {row[0] for row in sql("SELECT id FROM mail_outbox")} if sql(
    "SELECT 1 FROM information_schema.tables WHERE table_name = 'mail_outbox'") else set()
seed_begin = time.time()
subprocess.run([BIN, "bench-mail-seed", "--count", str(COUNT)], check=True, stdout=log, stderr=log, env=env)
ours = {row[0]: row for row in sql("SELECT id, message_id, to_address, status, attempts FROM mail_outbox") if row[0] not in before}
others = len(sql("SELECT id FROM mail_outbox WHERE status = 'queued'")) - len(ours)
untried = sum(1 for row in ours.values() if row[3] == "queued" and row[4] == "0")
assert len(ours) == COUNT and untried == COUNT, \
    f"bench-mail-seed left {untried} untried queued mails of {len(ours)} (expected {COUNT}): did a sender run in it?"
print(f"     {COUNT} mails queued in {time.time() - seed_begin:.0f} s; kills' seed {SEED} (MAIL_CRASH_SEED={SEED} repeats their delays)")

serve_env = {**env, "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}", "MAIL_LEASE_SECONDS": str(LEASE)}


def start(port):
    process = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=serve_env, stdout=log, stderr=log)
    started.append(process)
    nodes[port] = process
    return process


flow_begin = time.time()
for port in PORTS:  # one after the other: each migrates first
    start(port)
    assert wait_ready(port), f"the node on port {port} did not start"

# Each kill: wait until the victim holds a claim it has not finished (rows queued under its
# lease), wait a random moment within a batch's time, SIGKILL it, and read at once (before
# its lease can end) which rows it held: the mails in flight when it died. A lease's holder
# is "host:pid:process/claim", so the dead process's rows are those with its pid.
kills = []  # (arrived at the kill, pid, {message_id of each row in flight})
restarts = []
for k in range(KILLS):
    # The first kill once mail flows; the next ones as soon as the restarted node claims.
    deadline = time.time() + 60
    pid, holding = nodes[VICTIM].pid, False
    while time.time() < deadline and not holding:
        if k == 0 and arrived() < BATCH:
            time.sleep(0.05)
            continue
        if sql(f"SELECT 1 FROM mail_outbox WHERE status = 'queued' AND lease_owner LIKE '%:{pid}:%' LIMIT 1"):
            holding = True
        elif not sql("SELECT 1 FROM mail_outbox WHERE status = 'queued' LIMIT 1"):
            break  # nothing left to send: no kill can find mail in flight
        else:
            time.sleep(0.02)
    if not holding:
        print(f"     kill {k + 1}: the node on {VICTIM} never held a batch while mail was left (after {arrived()} arrived)")
        break
    time.sleep(rng.uniform(0, 0.3))
    nodes[VICTIM].send_signal(signal.SIGKILL)
    nodes[VICTIM].wait()
    at = arrived()
    in_flight = {row[0] for row in sql(f"SELECT message_id FROM mail_outbox WHERE status = 'queued' AND lease_owner LIKE '%:{pid}:%'")}
    kills.append((at, pid, in_flight))
    begin = time.time()
    start(VICTIM)
    restarts.append(wait_ready(VICTIM))
    print(f"     kill {k + 1} of the node on {VICTIM} after {at} arrivals: {len(in_flight)} mails in flight "
          f"(claimed, not yet written down as sent); {'serves again' if restarts[-1] else 'DOES NOT START'} after {time.time() - begin:.1f} s")

# Every mail sent, or the deadline (a lease is 5 s; a mail retried after a temporary failure
# waits a minute).
deadline = time.time() + 240
while time.time() < deadline:
    left = sql("SELECT count(*) FROM mail_outbox WHERE status = 'queued'")[0][0]
    if left == "0":
        break
    time.sleep(0.5)
drained = time.time() - flow_begin
time.sleep(1)  # anything still on its way to the SMTP server's folder
rows = {row[0]: row for row in sql("SELECT id, message_id, to_address, status, attempts, last_error FROM mail_outbox")}
mine = {rid: rows[rid] for rid in ours if rid in rows}
statuses = {}
for row in mine.values():
    statuses[row[3]] = statuses.get(row[3], 0) + 1
retried = sum(1 for row in mine.values() if row[4] != "0")

stopped = {}
for port, process in nodes.items():
    process.send_signal(signal.SIGTERM)
    begin = time.time()
    try:
        process.wait(timeout=30)
        stopped[port] = f"{time.time() - begin:.1f} s"
    except subprocess.TimeoutExpired:
        stopped[port] = None
smtp.send_signal(signal.SIGTERM)
smtp.wait(timeout=30)

# What arrived: Message-ID, envelope recipients and bytes of each message.
parser = email.parser.BytesHeaderParser()
arrivals = {}  # Message-ID -> [(recipients, bytes, mtime)]
for path in glob.glob(os.path.join(MAIL_DIR, "*.eml")):
    data = open(path, "rb").read()
    message_id = (parser.parsebytes(data).get("Message-ID") or "").strip()
    meta = json.load(open(path[:-4] + ".json"))
    arrivals.setdefault(message_id, []).append((meta["to"], data, os.path.getmtime(path)))
expected = {row[1]: row[2] for row in mine.values()}
delivered = [mid for mid in expected if mid in arrivals]
strangers = [mid for mid in arrivals if mid not in expected]
wrong_to = [mid for mid in delivered if any(to != [expected[mid]] for to, _, _ in arrivals[mid])]
twice = {mid: len(got) - 1 for mid, got in arrivals.items() if mid in expected and len(got) > 1}
duplicates = sum(twice.values())
in_flight_any = set().union(*(flight for _, _, flight in kills)) if kills else set()
unexplained = [mid for mid in twice if mid not in in_flight_any]
differing = [mid for mid in twice if len({data for _, data, _ in arrivals[mid]}) > 1]
times = sorted(t for got in arrivals.values() for _, _, t in got)

per_kill = []
for number, (at, pid, flight) in enumerate(kills, 1):
    per_kill.append(sum(twice.get(mid, 0) for mid in flight))
    print(f"     kill {number}: {len(flight)} in flight, {sum(1 for mid in flight if mid in twice)} of them arrived twice")
if times:
    print(f"     {sum(len(got) for got in arrivals.values())} messages arrived in {times[-1] - times[0]:.1f} s "
          f"(every row sent {drained:.1f} s after the nodes started); {retried} rows needed a retry; {others} other queued mails"
          + (f"; {len(strangers)} messages with another Message-ID" if strangers else ""))
print(f"     duplicates: {duplicates} ({len(twice)} mails arrived more than once) after {len(kills)} kills")
flowing = sum(1 for at, _, flight in kills if flight and 0 < at < COUNT)
checks = [
    (len(kills) == KILLS and all(restarts) and flowing > 0,
     f"{len(kills)} of {KILLS} kills made while mail flowed, {flowing} of them with mail in flight; the node started again each time"),
    (statuses == {"sent": COUNT}, f"{statuses.get('sent', 0)} of {COUNT} rows sent"
     + ("" if statuses == {"sent": COUNT} else " (" + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ")")),
    (len(delivered) == COUNT and not strangers, f"{len(delivered)} of {COUNT} Message-IDs arrived at the SMTP server"
     + (f", and {len(strangers)} that are not of these mails" if strangers else "")),
    (not wrong_to and delivered, "each arrived to its own recipient only" + (": " + "; ".join(wrong_to[:3]) if wrong_to else "")),
    (not unexplained, f"{duplicates} duplicates, each of a mail in flight when a node was killed"
     + (f"; {len(unexplained)} mails arrived twice that no kill caught: " + "; ".join(unexplained[:3]) if unexplained else "")),
    (duplicates <= PER_KILL * len(kills) and all(n <= PER_KILL for n in per_kill),
     f"{duplicates} duplicates, at most {PER_KILL} per kill (per kill: " + ", ".join(str(n) for n in per_kill) + ")"),
    (not differing, "a mail that arrived twice arrived with the same bytes" + (": " + "; ".join(differing[:3]) if differing else "")),
    (all(stopped.values()), "both nodes stop on SIGTERM (" + ", ".join(f"{port}: {how or 'still running after 30 s'}" for port, how in stopped.items()) + ")"),
]
for ok, what in checks:
    print(("ok   " if ok else "FAIL ") + what)
passed = sum(1 for ok, _ in checks if ok)
print(f"mail-crash postgres: {passed} passed, {len(checks) - passed} failed ({len(kills)} kills, {len(PORTS)} nodes, {duplicates} duplicates)")
sys.exit(0 if passed == len(checks) else 1)
