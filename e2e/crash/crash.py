#!/usr/bin/env python3
"""The crash test: a stream of survey submissions to a real server, which is killed with
SIGKILL several times and restarted, while clients retry as a browser would (same
Idempotency-Key until they get an answer). Every acknowledged response must be stored
exactly once. Run by scripts/test on SQLite and on PostgreSQL:

    crash.py BIN PORT DATABASE_URL

It fills the database with the demo (`collegium demo`, DEMO_DATABASE_URL), then serves it
with `collegium serve`, and prints one line: `crash <db>: N passed, M failed`."""
import atexit, json, os, random, signal, subprocess, sys, threading, time, urllib.error, urllib.request

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
KIND = "postgres" if DB.startswith("postgres") else "sqlite"
BASE = f"http://127.0.0.1:{PORT}"
CLIENTS, PER_CLIENT, KILLS = int(os.environ.get("CRASH_CLIENTS", 6)), int(os.environ.get("CRASH_PER_CLIENT", 60)), int(os.environ.get("CRASH_KILLS", 3))
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "a")


started = []


@atexit.register
def stop_all():
    """However the script ends (an assertion, an HTTP error), no server is left holding the
    port for the next run."""
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def start(command, env_extra):
    env = {**os.environ, **env_extra, "LOG_LEVEL": "warning"}
    env.pop("TEST_DATABASE_URL", None)
    process = subprocess.Popen([BIN, command, "--hostname", "127.0.0.1", "--port", str(PORT)], env=env,
                               stdout=subprocess.PIPE if command == "demo" else log, stderr=log, text=True)
    started.append(process)
    return process


def wait_ready(timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(BASE + "/readyz", timeout=2)
            return True
        except Exception:
            time.sleep(0.3)
    return False


def call(method, path, token, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


# The demo's data, in the database under test; its admin token from its output.
demo_env = {"DEMO_DATABASE_URL": DB} if KIND == "postgres" else {}
demo = start("demo", demo_env)
token = None
for line in demo.stdout:
    if line.startswith("API token (admin): "):
        token = line.split(": ", 1)[1].strip()
        break
assert token and wait_ready(), "the demo did not start"
demo.send_signal(signal.SIGKILL)
demo.wait()
serve_env = {"DATABASE_URL": DB if KIND == "postgres" else "sqlite:data/demo.sqlite"}
server = start("serve", serve_env)
assert wait_ready(), "the server did not start on the demo's database"
# A survey of its own, with names: the API takes answers on behalf of others only for a
# survey that is not anonymous (an import of answers collected elsewhere), since answers of
# the token holder's making must never count toward an anonymous survey's minimum groups.
_, schools = call("GET", "/api/v1/schools", token)
definition = {
    "baseLanguage": "en", "languages": ["en"], "title": {"en": "Crash test"}, "introduction": {},
    "sections": [{"title": {"en": "One"}, "questions": [
        {"variable": "role", "kind": "single_choice", "text": {"en": "Role"}, "required": True,
         "options": [{"value": v, "label": {"en": str(v)}} for v in range(1, 5)]},
        {"variable": "trust", "kind": "likert", "text": {"en": "Trust"}, "required": True,
         "options": [{"value": v, "label": {"en": str(v)}} for v in range(1, 6)]},
    ]}],
}
_, survey = call("POST", "/api/v1/surveys", token, {"schoolId": schools[0]["id"], "definition": definition})
call("POST", f"/api/v1/surveys/{survey['id']}/publish", token, {"anonymous": False})
before = 0

acknowledged, failures, lock = set(), [], threading.Lock()
stop_killing = threading.Event()


def client(number):
    rng = random.Random(number)
    for i in range(PER_CLIENT):
        key = f"crash-{KIND}-{number}-{i}"
        answers = {"role": rng.randint(1, 4), "trust": rng.randint(1, 5)}
        for attempt in range(200):
            try:
                status, receipt = call("POST", f"/api/v1/surveys/{survey['id']}/responses", token, {"answers": answers},
                                       {"Idempotency-Key": key})
                if status in (200, 201):
                    with lock:
                        acknowledged.add(key)
                    break
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    with lock:
                        failures.append(f"{key}: HTTP {error.code}")
                    break
            except Exception as error:
                # Refused or cut off by the kill: retry, as a browser would.
                print(f"{key}: {error!r}", file=log, flush=True)
            time.sleep(0.2)
        else:
            with lock:
                failures.append(f"{key}: never acknowledged")


def killer():
    global server
    rng = random.Random(7)
    for _ in range(KILLS):
        time.sleep(rng.uniform(0.8, 2.0))
        if stop_killing.is_set():
            return
        server.send_signal(signal.SIGKILL)
        server.wait()
        server = start("serve", serve_env)
        wait_ready()


threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
k = threading.Thread(target=killer)
for t in threads + [k]:
    t.start()
for t in threads:
    t.join()
stop_killing.set()
k.join()
wait_ready()
_, surveys = call("GET", "/api/v1/surveys", token)
after = next(s for s in surveys if s["id"] == survey["id"])["responses"]
server.send_signal(signal.SIGTERM)
server.wait(timeout=30)

expected = CLIENTS * PER_CLIENT
checks = [
    (len(acknowledged) == expected, f"{len(acknowledged)} of {expected} submissions acknowledged"),
    (after - before == len(acknowledged), f"{after - before} stored for {len(acknowledged)} acknowledged (exactly once each)"),
    (not failures, "no submission refused" if not failures else "; ".join(failures[:5])),
]
for ok, what in checks:
    print(("ok   " if ok else "FAIL ") + what)
passed = sum(1 for ok, _ in checks if ok)
print(f"crash {KIND}: {passed} passed, {len(checks) - passed} failed ({KILLS} kills)")
sys.exit(0 if passed == len(checks) else 1)
