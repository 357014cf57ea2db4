#!/usr/bin/env python3
"""A rolling restart under load through the proxy (issue 20). Run by scripts/test:

    cluster.py BIN PORT DATABASE_URL      (DATABASE_URL: an empty PostgreSQL database)

It starts the deployment shape with `scripts/cluster up --demo` (nginx on PORT, two `serve`
nodes on PORT+1 and PORT+2, the demo's data in the database), then sends load through nginx
from CLIENTS threads, each request on a connection of its own and never retried: public
pages, a signed-in person's home and My support, a form post (marking notifications read)
and survey answers through the API, each with an Idempotency-Key. While they run,
`scripts/cluster restart` restarts each node in turn, ROUNDS times. The checks: every
request was answered, and below 500 (a rolling restart gives 0 client errors); each node
has a new process after each round and answers /readyz on its own port; every survey answer
acknowledged is in the database exactly once; no node's log shows a crash.

One line per check, then `cluster postgres: N passed, M failed`. Environment: CRASH_LOG
(the script's own log), CLUSTER_ROUNDS (default 2), CLUSTER_CLIENTS (default 6)."""
import atexit, http.client, itertools, os, random, re, shutil, subprocess, sys, tempfile, threading, time

import nodes, stored  # e2e/crash/

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if not DB.startswith("postgres"):
    sys.exit("cluster.py: needs a PostgreSQL DATABASE_URL (two nodes share it)")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROUNDS = int(os.environ.get("CLUSTER_ROUNDS", 2))
CLIENTS = int(os.environ.get("CLUSTER_CLIENTS", 6))
NODES = [PORT + 1, PORT + 2]
STATE = tempfile.mkdtemp(prefix="collegium-cluster.")
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "a")
ENV = {**os.environ, "CLUSTER_PORT": str(PORT), "CLUSTER_DIR": STATE, "COLLEGIUM_BIN": BIN, "DATABASE_URL": DB, "LOG_LEVEL": "notice"}
ENV.pop("TEST_DATABASE_URL", None)
checks = []


def check(ok, what):
    checks.append((bool(ok), what))


def cluster(*args):
    return subprocess.run([os.path.join(ROOT, "scripts", "cluster"), *args], env=ENV, capture_output=True, text=True, timeout=600)


@atexit.register
def down():
    cluster("down")
    for name in sorted(os.listdir(STATE)) if os.path.isdir(STATE) else []:
        if name.endswith(".log") or name == "nginx":
            path = os.path.join(STATE, name, "error.log") if name == "nginx" else os.path.join(STATE, name)
            if os.path.isfile(path):
                print(f"--- {name}", file=log)
                log.write(open(path, encoding="utf-8", errors="replace").read()[-20000:])
    log.flush()
    shutil.rmtree(STATE, ignore_errors=True)


def pids():
    return {port: open(os.path.join(STATE, f"node-{port}.pid")).read().strip() for port in NODES}


started = cluster("up", "--demo")
print(started.stdout + started.stderr, file=log, flush=True)
if started.returncode != 0:
    print(started.stderr.strip()[-2000:])
    print("cluster postgres: 0 passed, 1 failed (scripts/cluster up failed)")
    sys.exit(1)
demo = open(os.path.join(STATE, "demo.txt"), encoding="utf-8").read()
token = re.search(r"^API token \(admin\): (\S+)", demo, re.M).group(1)
password = re.search(r"password for all: ([^)]+)\)", demo).group(1)
emails = re.findall(r"^\s+(\S+@\S+)\s", demo, re.M)

check(all(nodes.readyz(port)[0] == 200 for port in NODES), f"both nodes answer /readyz on their own ports ({', '.join(map(str, NODES))})")
status, _, _ = nodes.request(PORT, "GET", "/healthz")
check(status == 200, f"nginx on {PORT} passes /healthz to a node: {status}")

# A survey of its own, with names (the API takes answers on behalf of others only for one).
schools = nodes.request(PORT, "GET", "/api/v1/schools", token)[1]
definition = {
    "baseLanguage": "en", "languages": ["en"], "title": {"en": "Rolling restart"}, "introduction": {},
    "sections": [{"title": {"en": "One"}, "questions": [
        {"variable": "trust", "kind": "likert", "text": {"en": "trust"}, "required": True,
         "options": [{"value": v, "label": {"en": str(v)}} for v in range(1, 6)]}]}],
}
status, survey, _ = nodes.request(PORT, "POST", "/api/v1/surveys", token, {"schoolId": schools[0]["id"], "definition": definition})
assert status == 201, f"creating the survey: {status} {survey}"
status, _, _ = nodes.request(PORT, "POST", f"/api/v1/surveys/{survey['id']}/publish", token, {"anonymous": False})
assert status == 200, f"publishing the survey: {status}"

lock = threading.Lock()
stop = threading.Event()
answered, errors, acknowledged, sent_answers = {}, [], {}, {}
numbers = itertools.count()


def client(number):
    rng = random.Random(number)
    person = nodes.Browser(PORT).sign_in(emails[number % len(emails)], password)
    journey = [
        ("GET /handbook", lambda: person.send("GET", "/handbook")),
        ("GET /courses", lambda: person.send("GET", "/courses")),
        ("GET /", lambda: person.send("GET", "/")),
        ("GET /support", lambda: person.send("GET", "/support")),
        ("POST /support/notifications/read", lambda: person.send("POST", "/support/notifications/read", form={})),
        ("POST survey answer", None),
    ]
    while not stop.is_set():
        for name, act in journey:
            try:
                if act is None:
                    key = f"cluster-{number}-{next(numbers)}"
                    answers = {"trust": rng.randint(1, 5)}
                    sent_answers[key] = answers
                    status, receipt, _ = nodes.request(PORT, "POST", f"/api/v1/surveys/{survey['id']}/responses", token,
                                                       {"answers": answers}, {"Idempotency-Key": key})
                    if status in (200, 201):
                        with lock:
                            acknowledged[key] = receipt["id"]
                else:
                    status, _ = act()
            except (OSError, http.client.HTTPException, nodes.Unserved) as error:
                status = repr(error)
            with lock:
                answered[name] = answered.get(name, 0) + 1
                if not isinstance(status, int) or status >= 500:
                    errors.append(f"{name}: {status}")
                    print(f"{time.time():.3f} {name}: {status}", file=log, flush=True)


threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
for t in threads:
    t.start()
rounds = []
for round_number in range(ROUNDS):
    time.sleep(3)
    before, began = pids(), time.time()
    restarted = cluster("restart")
    print(restarted.stdout + restarted.stderr, file=log, flush=True)
    after = pids()
    rounds.append((restarted.returncode, time.time() - began, all(before[p] != after[p] for p in NODES)))
time.sleep(3)
stop.set()
for t in threads:
    t.join()

total = sum(answered.values())
for number, (code, took, renewed) in enumerate(rounds, 1):
    check(code == 0 and renewed, f"rolling restart {number}: both nodes replaced in {took:.1f} s" + ("" if code == 0 else f" (exit {code})"))
check(total > 100 and not errors,
      f"{total} requests through nginx during {ROUNDS} rolling restarts, {len(errors)} client errors"
      + (": " + "; ".join(errors[:5]) if errors else "") + " (" + ", ".join(f"{n} {name}" for name, n in answered.items()) + ")")
check(all(nodes.readyz(port)[0] == 200 for port in NODES), "both nodes answer /readyz after the restarts")
found = stored.responses(DB, survey["id"])
not_once = [key for key in acknowledged if len(found.get(key, [])) != 1]
check(acknowledged and not not_once,
      f"{len(acknowledged)} acknowledged survey answers stored exactly once each" + (": " + ", ".join(not_once[:5]) if not_once else ""))
crashes = [name for name in os.listdir(STATE) if name.startswith("node-") and name.endswith(".log")
           and re.search(r"Fatal error|Illegal instruction|Crash|💣", open(os.path.join(STATE, name), errors="replace").read())]
check(not crashes, "no node's log shows a crash" + (": " + ", ".join(crashes) if crashes else ""))

for ok, what in checks:
    print(("ok   " if ok else "FAIL ") + what)
passed = sum(1 for ok, _ in checks if ok)
print(f"cluster postgres: {passed} passed, {len(checks) - passed} failed")
sys.exit(0 if passed == len(checks) else 1)
